/**
 * Limits for JSON that users send: request bodies (src/server/limits.ts) and JSON pasted into arguments (a Hugging
 * Face config.json). Depth is measured by a linear scan before parsing, so a document of arrays nested thousands
 * deep is refused with a coded error instead of overflowing a recursive walk later (JSON.stringify in an error
 * message, a config reader). Errors name the field, the size or depth and the limit, never echo the text.
 */
import { InvalidInputError } from './errors.js';

/** Deepest accepted nesting of arrays and objects (real config.json files nest ≤ 4; GraphQL variables ≤ 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Deepest array/object nesting in JSON text (strings skipped), or `limit + 1` as soon as it exceeds `limit`.
 * Linear, no recursion; malformed text is measured as far as it goes (JSON.parse reports the syntax).
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** Deepest nesting of an already-parsed value (iterative), or `limit + 1` once past `limit`. */
export function valueDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const here = d + 1;
    if (here > deepest) {
      deepest = here;
      if (deepest > limit) return deepest;
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, here]);
  }
  return deepest;
}

/** Where JSON.parse stopped, without the excerpt of the text newer V8 versions put in the message. */
export function syntaxErrorSummary(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message)?.[1];
  const what = /^(Unexpected [^,(]*?|Expected [^(]*?|Bad [^(]*?|Unterminated [^(]*?)(?: in JSON| at position|,|$)/.exec(message)?.[1];
  return `${what ?? 'invalid JSON'}${position ? ` at character ${position}` : ''}`;
}

/**
 * Parses user JSON under a size and depth limit; every failure is an InvalidInputError on `field`
 * (BAD_USER_INPUT) naming the limit — never a stack overflow, never the text itself.
 */
export function parseJsonInput(field: string, text: string, limits: { maxChars: number; maxDepth?: number; expected: string }): unknown {
  if (typeof text !== 'string' || text.length > limits.maxChars) {
    throw new InvalidInputError(field, typeof text === 'string' ? `${text.length} characters` : text, `at most ${limits.maxChars} characters of JSON`);
  }
  const maxDepth = limits.maxDepth ?? MAX_JSON_DEPTH;
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) {
    throw new InvalidInputError(field, `JSON nested more than ${maxDepth} levels`, `${limits.expected}, nested at most ${maxDepth} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(field, `${text.length} characters`, `${limits.expected}; JSON.parse said: ${syntaxErrorSummary(error)}`);
  }
}
