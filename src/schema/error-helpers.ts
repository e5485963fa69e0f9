/**
 * How failures become GraphQL errors. Every expected failure carries `extensions.code` and a message that names the
 * field, the value and what is allowed; anything else is masked by `maskError` (used by yoga on HTTP and WebSocket).
 *
 * Codes: BAD_USER_INPUT (invalid argument or input field; also `field` and `allowed` in extensions), NOT_FOUND
 * (an id that names nothing), FORBIDDEN (changing a read-only preset), QUERY_TOO_COMPLEX (depth/breadth/cost or
 * token limit), GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED (malformed documents), INTERNAL_SERVER_ERROR
 * (masked unexpected error).
 */
import { GraphQLError, type GraphQLErrorOptions } from 'graphql';
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

/**
 * An input error raised by the API layer itself (bounds, ids, combinations): the core's InvalidInputError with its
 * field already the full argument path (so `withInputPath` leaves it alone), a code, and — where the usual sentence
 * does not fit (`… is missing`, `… are both given`) — a sentence of its own. `toGraphQLError` is its one mapping.
 */
export class ArgumentError extends InvalidInputError {
  constructor(
    field: string,
    value: unknown,
    allowed: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' = 'BAD_USER_INPUT',
    sentence?: string,
  ) {
    super(field, value, allowed);
    this.message = sentence ?? `${field} = ${describeValue(value)} is invalid: expected ${allowed}`;
  }
}

/**
 * Whether an input error is an ArgumentError. Not `instanceof`: the errors plugin hands typed results to their fields
 * as proxies whose prototype chain is proxied too, so only the error's own fields can be trusted.
 */
function isArgumentError(error: InvalidInputError): error is ArgumentError {
  return typeof (error as Partial<ArgumentError>).code === 'string';
}

/** The sentence a client sees for an input error: the field, the value (as describeValue shows it) and what is allowed. */
export function inputErrorMessage(error: InvalidInputError): string {
  return isArgumentError(error) ? error.message : `${error.field} = ${describeValue(error.value)} is invalid: expected ${error.allowed}`;
}

/**
 * The one mapping from an input error (the core's, or an ArgumentError) to the GraphQL error clients see:
 * BAD_USER_INPUT (or NOT_FOUND) with `field` and `allowed` in extensions, keeping the path and locations given.
 */
export function toGraphQLError(error: InvalidInputError, located: GraphQLErrorOptions = {}): GraphQLError {
  const code = isArgumentError(error) ? error.code : 'BAD_USER_INPUT';
  return new GraphQLError(inputErrorMessage(error), { ...located, extensions: { code, field: error.field, allowed: error.allowed } });
}

export function badUserInput(field: string, value: unknown, allowed: string, message?: string): ArgumentError {
  return new ArgumentError(field, value, allowed, 'BAD_USER_INPUT', message);
}

export function notFound(field: string, id: string, allowed: string): ArgumentError {
  return new ArgumentError(field, id, allowed, 'NOT_FOUND', `${field} = ${describeValue(id)} was not found: expected ${allowed}`);
}

export function forbidden(field: string, id: string, why: string): GraphQLError {
  return new GraphQLError(`${field} = ${describeValue(id)} cannot be changed: ${why}`, {
    extensions: { code: 'FORBIDDEN', field },
  });
}

/**
 * The core's InvalidInputError with the argument path in front of its field (`tensorParallel` → `input.tensorParallel`),
 * for core calls that do not take the path themselves. An ArgumentError (already a full path) passes unchanged.
 */
export function withPathPrefix(error: unknown, prefix: string | undefined): unknown {
  if (!(error instanceof InvalidInputError) || isArgumentError(error)) return error;
  const field = prefix && error.field !== prefix && !error.field.startsWith(`${prefix}.`) ? `${prefix}.${error.field}` : error.field;
  return new ArgumentError(field, error.value, error.allowed);
}

/** Run `fn`, naming its input errors under `prefix` (withPathPrefix). */
export function withInputPath<T>(prefix: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw withPathPrefix(error, prefix);
  }
}

/** withInputPath for a function that awaits (e.g. reads a saved item first, or runs in a worker). */
export async function withInputPathAsync<T>(prefix: string | undefined, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw withPathPrefix(error, prefix);
  }
}

/** `field` (and `allowed`) of a graphql-js variable coercion message, e.g. `i.timeLimitSeconds` (empty if none). */
function variableField(message: string): { field?: string; allowed?: string } {
  const match = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s.exec(message);
  if (!match) return {};
  return { field: match[2] ?? match[1]!, allowed: match[3]! };
}

/**
 * yoga `maskedErrors.maskError`: turns every input error (the core's InvalidInputError, an ArgumentError) into its
 * coded GraphQL error (toGraphQLError, keeping path and locations), keeps GraphQL errors that carry a code, and
 * hides everything else behind INTERNAL_SERVER_ERROR.
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
  if (original instanceof InvalidInputError) return toGraphQLError(original, located);
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
