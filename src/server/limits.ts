/**
 * Request limits that protect the server on every transport (HTTP, SSE, WebSocket): they are envelop plugins and
 * validation rules, so `yoga.getEnveloped()` (used by the WebSocket path) applies them exactly as HTTP does.
 * The Pothos complexity plugin adds cost/breadth/depth limits on our own fields; the rule here also covers
 * introspection (`__schema`, `__type`), which Pothos does not see.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { jsonDepth, MAX_JSON_DEPTH, syntaxErrorSummary, valueDepth } from '../core/json-input.js';

/** Largest accepted HTTP body / WebSocket message, in bytes (a pasted config.json is a few kB). */
export const MAX_BODY_BYTES = 1_000_000;

/** Longest accepted document, in characters (our largest example is ≈ 3 kB). */
export const MAX_DOCUMENT_CHARS = 20_000;
/** Deepest selection, introspection included (GraphiQL's introspection query nests ≈ 14 levels). */
export const MAX_SELECTION_DEPTH = 24;
/** Most fields one operation may select once fragments are expanded (guards fragment fan-out bombs). */
export const MAX_EXPANDED_FIELDS = 20_000;

export function tooLarge(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX' } });
}

/** Rejects a raw document over MAX_DOCUMENT_CHARS before parsing. */
export function checkDocumentSize(query: unknown): GraphQLError | undefined {
  if (typeof query === 'string' && query.length > MAX_DOCUMENT_CHARS) {
    return tooLarge(`Query too large: ${query.length} characters exceeds the limit ${MAX_DOCUMENT_CHARS}`);
  }
  return undefined;
}

/** Rejects variables nested deeper than MAX_JSON_DEPTH (WebSocket messages; HTTP bodies are checked as text). */
export function checkVariablesDepth(variables: unknown): GraphQLError | undefined {
  if (valueDepth(variables, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return new GraphQLError(`variables nest JSON more than ${MAX_JSON_DEPTH} levels deep`, { extensions: { code: 'BAD_REQUEST' } });
  }
  return undefined;
}

/** Validation rule: depth and expanded field count per operation, fragments memoised (linear time). */
export function selectionLimitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of context.getDocument().definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  }
  const memo = new Map<string, { depth: number; fields: number }>();
  const visiting = new Set<string>();

  function measure(set: SelectionSetNode): { depth: number; fields: number } {
    let depth = 0;
    let fields = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const inner = selection.selectionSet ? measure(selection.selectionSet) : { depth: 0, fields: 0 };
        depth = Math.max(depth, inner.depth + 1);
        fields += 1 + inner.fields;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = measure(selection.selectionSet);
        depth = Math.max(depth, inner.depth);
        fields += inner.fields;
      } else {
        const name = selection.name.value;
        let inner = memo.get(name);
        if (!inner) {
          const fragment = fragments.get(name);
          // Unknown or cyclic fragments are reported by graphql's own rules; count them as empty here.
          if (!fragment || visiting.has(name)) continue;
          visiting.add(name);
          inner = measure(fragment.selectionSet);
          visiting.delete(name);
          memo.set(name, inner);
        }
        depth = Math.max(depth, inner.depth);
        fields += inner.fields;
      }
      // Saturate so pathological fan-out cannot overflow to Infinity.
      if (fields > MAX_EXPANDED_FIELDS * 10) fields = MAX_EXPANDED_FIELDS * 10;
    }
    return { depth, fields };
  }

  return {
    OperationDefinition(node) {
      const { depth, fields } = measure(node.selectionSet);
      if (depth > MAX_SELECTION_DEPTH) {
        context.reportError(tooLarge(`Query too large: depth ${depth} exceeds the limit ${MAX_SELECTION_DEPTH}`));
      } else if (fields > MAX_EXPANDED_FIELDS) {
        context.reportError(
          tooLarge(`Query too large: ${fields} fields after expanding fragments exceeds the limit ${MAX_EXPANDED_FIELDS}`),
        );
      }
      return false;
    },
  };
}

/**
 * Yoga plugin: document size limit (HTTP), the selection rule (all transports), and a code on every parse and
 * validation error so clients can branch on `extensions.code` alone.
 */
export function useRequestLimits(): Plugin {
  return {
    onParams({ params }) {
      const error = checkDocumentSize(params.query);
      if (error) throw error;
    },
    onValidate({ addValidationRule }) {
      addValidationRule(selectionLimitsRule);
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(
          result.map((error) =>
            error.extensions?.code
              ? error
              : new GraphQLError(error.message, {
                  ...(error.nodes ? { nodes: error.nodes } : {}),
                  ...(error.source ? { source: error.source } : {}),
                  ...(error.positions ? { positions: error.positions } : {}),
                  extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
                }),
          ),
        );
      };
    },
  };
}

/** A JSON error response with one coded error (refusals before GraphQL runs). */
export function errorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** The body as text, counting the bytes actually read (chunked or not); a Response (413) once past `maxBytes`. */
function payloadTooLarge(maxBytes: number): Response {
  return errorResponse(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds the limit of ${maxBytes} bytes`);
}

export async function readBoundedText(request: Request, maxBytes: number): Promise<string | Response> {
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return payloadTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Yoga plugin: parses every POST body itself, so the limits hold whatever the framing — size counted on the bytes
 * read (a chunked body has no Content-Length to trust), JSON depth checked before JSON.parse, and a syntax error
 * answered with where it is, never with the body or JSON.parse's excerpt of it (`originalError`).
 * (security.ts has already refused content types that cannot carry an operation.)
 */
export function useBodyLimits(maxBytes = MAX_BODY_BYTES): Plugin {
  return {
    onRequestParse({ request, setRequestParser }) {
      if (request.method !== 'POST') return;
      setRequestParser(async (req) => {
        // With a Content-Length within the limit, Node's HTTP parser delivers exactly that many bytes: read at once.
        // Without one (chunked), count the bytes as they arrive. A Request built in-process (yoga.fetch) is not
        // framed by Node and may declare less than it carries, so the bytes read are checked as well.
        const declared = Number(req.headers.get('content-length') ?? Number.NaN);
        let text: string | Response;
        if (Number.isInteger(declared) && declared <= maxBytes) {
          text = await req.text();
          if (Buffer.byteLength(text, 'utf8') > maxBytes) return payloadTooLarge(maxBytes);
        } else {
          text = await readBoundedText(req, maxBytes);
          if (typeof text !== 'string') return text;
        }
        const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
        if (type === 'application/graphql') return { query: text };
        if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
          return errorResponse(400, 'BAD_REQUEST', `POST body nests JSON more than ${MAX_JSON_DEPTH} levels deep`);
        }
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (error) {
          return errorResponse(400, 'BAD_REQUEST', `POST body is not valid JSON: ${syntaxErrorSummary(error)}`);
        }
        if (body === null || typeof body !== 'object' || Array.isArray(body)) {
          return errorResponse(400, 'BAD_REQUEST', 'POST body must be a JSON object {"query", "variables", "operationName", "extensions"}');
        }
        return body as never;
      });
    },
  };
}
