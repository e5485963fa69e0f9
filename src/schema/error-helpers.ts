/**
 * How failures become GraphQL errors. Every expected failure carries `extensions.code` and a message that names the
 * field, the value and what is allowed; anything else is masked by `maskError` (used by yoga on HTTP and WebSocket).
 *
 * Codes: BAD_USER_INPUT (invalid argument or input field; also `field` and `allowed` in extensions), NOT_FOUND
 * (an id that names nothing), FORBIDDEN (changing a read-only preset), QUERY_TOO_COMPLEX (depth/breadth/cost or
 * token limit), GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED (malformed documents), INTERNAL_SERVER_ERROR
 * (masked unexpected error).
 */
import { GraphQLError } from 'graphql';
import { InvalidInputError } from '../core/errors.js';

/** A short, safe rendering of a user value for messages (strings quoted, long values cut). */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') text = String(value);
  else if (value === undefined) text = '(missing)';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  // Bidirectional overrides and C1/DEL controls (not escaped by JSON.stringify) are shown as escapes, so that a
  // refused "\u202Elive" cannot make the message itself display reversed.
  text = text.replace(/[\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The raw rejected value rides along (not serialised) so typed-result fields can report it. */
export const REJECTED_VALUE = Symbol('rejectedValue');

function withValue(error: GraphQLError, value: unknown): GraphQLError {
  Object.defineProperty(error, REJECTED_VALUE, { value, enumerable: false });
  return error;
}

export function badUserInput(field: string, value: unknown, allowed: string, message?: string): GraphQLError {
  const text = message ?? `${field} = ${describeValue(value)} is invalid: expected ${allowed}`;
  return withValue(new GraphQLError(text, { extensions: { code: 'BAD_USER_INPUT', field, allowed } }), value);
}

export function notFound(field: string, id: string, allowed: string): GraphQLError {
  return withValue(
    new GraphQLError(`${field} = ${describeValue(id)} was not found: expected ${allowed}`, {
      extensions: { code: 'NOT_FOUND', field, allowed },
    }),
    id,
  );
}

export function forbidden(field: string, id: string, why: string): GraphQLError {
  return new GraphQLError(`${field} = ${describeValue(id)} cannot be changed: ${why}`, {
    extensions: { code: 'FORBIDDEN', field },
  });
}

/** InvalidInputError from the core → BAD_USER_INPUT, prefixing the field with the argument path when given. */
export function fromInvalidInput(error: InvalidInputError, prefix?: string): GraphQLError {
  const field = prefix && error.field !== prefix && !error.field.startsWith(`${prefix}.`) ? `${prefix}.${error.field}` : error.field;
  return badUserInput(field, error.value, error.allowed);
}

/** `field` (and `allowed`) of a graphql-js variable coercion message, e.g. `i.timeLimitSeconds` (empty if none). */
function variableField(message: string): { field?: string; allowed?: string } {
  const match = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!match) return {};
  return { field: match[2] ?? match[1]!, allowed: match[3]! };
}

/**
 * yoga `maskedErrors.maskError`: keeps GraphQL errors that carry a code, turns the core's InvalidInputError into
 * BAD_USER_INPUT (keeping path and locations), and hides everything else behind INTERNAL_SERVER_ERROR.
 */
export function maskError(error: unknown, message: string): Error {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  const original = graphQLError?.originalError ?? (graphQLError ? undefined : error);
  const located = {
    ...(graphQLError?.nodes ? { nodes: graphQLError.nodes } : {}),
    ...(graphQLError?.source ? { source: graphQLError.source } : {}),
    ...(graphQLError?.positions ? { positions: graphQLError.positions } : {}),
    ...(graphQLError?.path ? { path: graphQLError.path } : {}),
  };
  if (original instanceof InvalidInputError) {
    const mapped = fromInvalidInput(original);
    return new GraphQLError(mapped.message, { ...located, extensions: mapped.extensions });
  }
  if (original instanceof GraphQLError) {
    // The outer message is the one with context: graphql-js wraps a scalar's coercion error as `Variable "$i" got
    // invalid value "NaN" at "i.timeLimitSeconds"; Float cannot …` — keep it, so the field and value are named.
    const text = graphQLError?.message ?? original.message;
    return new GraphQLError(text, {
      ...located,
      extensions: { code: 'BAD_USER_INPUT', ...variableField(text), ...original.extensions },
    });
  }
  if (graphQLError && original === undefined) {
    // Errors graphql-js or a plugin raised on purpose (validation, coercion, limits): keep, make sure of a code.
    if (graphQLError.extensions?.code) return graphQLError;
    return new GraphQLError(graphQLError.message, {
      ...located,
      extensions: { ...graphQLError.extensions, code: 'BAD_USER_INPUT' },
    });
  }
  return new GraphQLError(message, { ...located, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
