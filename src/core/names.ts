/**
 * Display names users give or upload (saved items, a config.json's model name). Pure: the schema's validation and
 * the config.json import share one rule.
 */

/**
 * Characters a display name may not contain: control characters (NUL, newlines, DEL, C1) and the bidirectional
 * marks, embeddings, overrides and isolates (Unicode UAX #9: U+061C, U+200E/F, U+202A–E, U+2066–9) that make
 * "evil" display as "live".
 */
export const UNSAFE_NAME_CHARACTERS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Longest display name, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 200;
export const NAME_MESSAGE = `a non-empty name of at most ${MAX_NAME_LENGTH} characters, without control or bidirectional-override characters`;

/** Whether a name is acceptable (see NAME_MESSAGE). */
export function isValidName(value: string): boolean {
  return value.trim().length > 0 && value.length <= MAX_NAME_LENGTH && !UNSAFE_NAME_CHARACTERS.test(value);
}

/** A name taken from an uploaded document (config.json): unsafe characters removed, cut to the longest allowed. */
export function sanitizeName(value: string): string {
  return value.replace(new RegExp(UNSAFE_NAME_CHARACTERS.source, 'gu'), '').slice(0, MAX_NAME_LENGTH);
}
