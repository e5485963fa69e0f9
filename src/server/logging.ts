/**
 * Server logging. Expected errors — a user's bad input, an unknown id, a refused preset edit, a query over the
 * limits: anything `maskError` keeps with its code — are the API answering correctly, so they log at most one debug
 * line. Only unexpected (masked, INTERNAL_SERVER_ERROR) errors log as errors, once, with their stack.
 *
 * Yoga logs `logger.error(original)` for every error whose masked form differs from the original, which is every
 * core InvalidInputError (mapped to a new GraphQLError with the argument path). `createErrorTriage` remembers how
 * `maskError` classified each original so the logger handed to yoga can demote or drop those lines.
 */
import { GraphQLError } from 'graphql';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Same shape as yoga's logger. */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

const noop = (): void => undefined;

/** Console logger with a level, prefixes as yoga's (`DEBUG`, `INFO`, `WARN`, `ERR`). */
export function createConsoleLogger(level: LogLevel): Logger {
  const at = LOG_LEVELS.indexOf(level);
  const on = (l: LogLevel): boolean => LOG_LEVELS.indexOf(l) >= at;
  return {
    debug: on('debug') ? (...args) => console.debug('DEBUG', ...args) : noop,
    info: on('info') ? (...args) => console.info('INFO', ...args) : noop,
    warn: on('warn') ? (...args) => console.warn('WARN', ...args) : noop,
    error: on('error') ? (...args) => console.error('ERR', ...args) : noop,
  };
}

/** One log record's fields from logger arguments: the first string is `msg`, an Error becomes `error` + `stack`,
 * plain objects are merged in, anything else is appended to `msg`. */
export function logRecord(level: string, args: unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = { time: new Date().toISOString(), level };
  const words: string[] = [];
  for (const arg of args) {
    if (typeof arg === 'string') words.push(arg);
    else if (arg instanceof Error) {
      record.error = arg.message;
      if (arg.stack) record.stack = arg.stack;
    } else if (arg !== null && typeof arg === 'object' && !Array.isArray(arg)) Object.assign(record, arg);
    else words.push(String(arg));
  }
  if (words.length > 0) record.msg = words.join(' ');
  return record;
}

/** Structured logger: one JSON object per line on stdout (errors and warnings on stderr). */
export function createJsonLogger(level: LogLevel, write: (line: string, level: LogLevel) => void = defaultWrite): Logger {
  const at = LOG_LEVELS.indexOf(level);
  const make = (l: LogLevel) =>
    LOG_LEVELS.indexOf(l) >= at
      ? (...args: unknown[]) => {
          let line: string;
          try {
            line = JSON.stringify(logRecord(l, args));
          } catch {
            line = JSON.stringify({ time: new Date().toISOString(), level: l, msg: String(args[0]) });
          }
          write(line, l);
        }
      : noop;
  return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}

function defaultWrite(line: string, level: LogLevel): void {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}

export interface ErrorTriage {
  /** Record the outcome of masking `original` (call from maskError with the masked result). */
  classify(original: unknown, masked: Error): 'expected' | 'unexpected';
  /** The logger to give yoga: errors already classified are demoted (expected) or dropped (reported elsewhere). */
  logger: Logger;
}

/**
 * `onUnexpected` receives each unexpected error once (default: `base.error` with the error, so its stack prints).
 */
export function createErrorTriage(base: Logger, onUnexpected?: (error: unknown) => void): ErrorTriage {
  // Keyed by the original error object yoga will pass to logger.error.
  const expected = new WeakMap<object, string>();
  const reported = new WeakSet<object>();
  // A thrown non-object (a string…) cannot be a WeakSet key: remember the last one instead.
  let reportedPrimitive: { value: unknown } | undefined;
  const report = onUnexpected ?? ((error: unknown) => base.error('unexpected error:', error));

  return {
    classify(original, masked) {
      const code = masked instanceof GraphQLError ? masked.extensions?.code : undefined;
      const isObject = typeof original === 'object' && original !== null;
      if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
        if (isObject) {
          if (reported.has(original)) return 'unexpected';
          reported.add(original);
        } else reportedPrimitive = { value: original };
        report(original);
        return 'unexpected';
      }
      if (isObject) {
        const where = masked instanceof GraphQLError && masked.path ? ` at ${masked.path.join('.')}` : '';
        expected.set(original, `${String(code)}${where}: ${masked.message}`);
      }
      return 'expected';
    },
    logger: {
      debug: (...args) => base.debug(...args),
      info: (...args) => base.info(...args),
      warn: (...args) => base.warn(...args),
      error: (...args) => {
        const [first] = args;
        if (args.length === 1) {
          if (typeof first === 'object' && first !== null) {
            const line = expected.get(first);
            if (line !== undefined) return base.debug('expected error', line);
            if (reported.has(first)) return;
          } else if (reportedPrimitive && Object.is(reportedPrimitive.value, first)) {
            reportedPrimitive = undefined;
            return;
          }
        }
        base.error(...args);
      },
    },
  };
}
