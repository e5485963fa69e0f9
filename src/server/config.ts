/**
 * Server settings from the environment: PORT (4000), HOST (127.0.0.1), DATABASE_PATH (./data/zeroplan.db),
 * LOG_LEVEL (info; debug also with DEBUG=1, yoga's switch).
 */
import { resolve } from 'node:path';
import { LOG_LEVELS, type LogLevel } from './logging.js';
import { parseOrigin } from './security.js';

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  logLevel: LogLevel;
  /** CORS_ORIGINS: comma-separated origins other than the server's own that browsers may call from. */
  corsOrigins: string[];
}

export const DEFAULT_PORT = 4000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATABASE_PATH = './data/zeroplan.db';

/** Reads the config; a malformed PORT is an error at start-up rather than a silent fallback. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const rawPort = env.PORT?.trim();
  let port = DEFAULT_PORT;
  if (rawPort) {
    port = Number(rawPort);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new Error(`PORT = ${JSON.stringify(rawPort)} is invalid: expected an integer in [0, 65535]`);
    }
  }
  const host = env.HOST?.trim() || DEFAULT_HOST;
  // ':memory:' is passed through for throwaway servers; anything else is a file path.
  const rawPath = env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH;
  const databasePath = rawPath === ':memory:' ? rawPath : resolve(rawPath);
  const rawLevel = env.LOG_LEVEL?.trim().toLowerCase();
  let logLevel: LogLevel = env.DEBUG === '1' ? 'debug' : 'info';
  if (rawLevel) {
    if (!(LOG_LEVELS as readonly string[]).includes(rawLevel)) {
      throw new Error(`LOG_LEVEL = ${JSON.stringify(env.LOG_LEVEL)} is invalid: expected one of ${LOG_LEVELS.join(', ')}`);
    }
    logLevel = rawLevel as LogLevel;
  }
  const corsOrigins: string[] = [];
  for (const entry of (env.CORS_ORIGINS ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const { origin, error } = parseOrigin(entry);
    if (error) throw new Error(`CORS_ORIGINS is invalid: ${error}`);
    corsOrigins.push(origin!);
  }
  return { port, host, databasePath, logLevel, corsOrigins };
}
