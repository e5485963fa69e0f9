/**
 * Server settings from the environment: PORT (4000), HOST (127.0.0.1), DATABASE_PATH (./data/zeroplan.db),
 * LOG_LEVEL (info; debug also with DEBUG=1, yoga's switch), CORS_ORIGINS, ZEROPLAN_API_KEYS(_FILE),
 * ZEROPLAN_REQUIRE_KEY_FOR_READS (docs/operations.md). Scale-out (docs/deploy.md): DATABASE_URL (postgres://…),
 * DATABASE_SCHEMA, REDIS_URL (redis://…), REDIS_PREFIX (zeroplan:), WORKERS (embedded | external).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseApiKeys, type ApiKey } from './auth.js';
import { LOG_LEVELS, type LogLevel } from './logging.js';
import { DEFAULT_REDIS_PREFIX, type RedisSettings } from './redis-pubsub.js';
import type { WorkersMode } from './scale.js';
import { parseOrigin } from './security.js';

export interface ServerConfig {
  port: number;
  host: string;
  databasePath: string;
  logLevel: LogLevel;
  databaseUrl?: string;
  databaseSchema?: string;
  redis?: RedisSettings;
  workers: WorkersMode;
  /** CORS_ORIGINS: comma-separated origins other than the server's own that browsers may call from. */
  corsOrigins: string[];
  /** ZEROPLAN_API_KEYS and/or the file ZEROPLAN_API_KEYS_FILE (entries `key`, `name:key`, `name:key:admin`). */
  apiKeys: ApiKey[];
  /** ZEROPLAN_REQUIRE_KEY_FOR_READS=1: queries and subscriptions need a key too. */
  requireKeyForReads: boolean;
  /** RESPONSE_CACHE=0 turns off the response cache of repeated read-only queries (response-cache.ts; default on). */
  responseCache: boolean;
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** An on/off variable: 1/true/yes/on or 0/false/no/off (any case); unset or empty gives `fallback`. */
function readSwitch(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '') return fallback;
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  throw new Error(`${name} = ${JSON.stringify(env[name])} is invalid: expected ${fallback ? '1 (default) or 0' : '1 or 0 (default)'}`);
}

function readKeys(env: NodeJS.ProcessEnv): ApiKey[] {
  const keys = parseApiKeys(env.ZEROPLAN_API_KEYS ?? '', 'ZEROPLAN_API_KEYS');
  const file = env.ZEROPLAN_API_KEYS_FILE?.trim();
  if (file) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`ZEROPLAN_API_KEYS_FILE = ${JSON.stringify(file)} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): point it at a readable file with one key entry per line`);
    }
    for (const key of parseApiKeys(text, `ZEROPLAN_API_KEYS_FILE (${file})`)) {
      if (keys.some((k) => k.id === key.id)) throw new Error(`ZEROPLAN_API_KEYS_FILE repeats a key of ZEROPLAN_API_KEYS (${key.name})`);
      keys.push(key);
    }
  }
  return keys;
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
  const requireKeyForReads = readSwitch(env, 'ZEROPLAN_REQUIRE_KEY_FOR_READS', false);
  const responseCache = readSwitch(env, 'RESPONSE_CACHE', true);
  const apiKeys = readKeys(env);
  if (requireKeyForReads && apiKeys.length === 0) {
    throw new Error('ZEROPLAN_REQUIRE_KEY_FOR_READS is set but no key is configured: set ZEROPLAN_API_KEYS or ZEROPLAN_API_KEYS_FILE');
  }
  return {
    port,
    host,
    databasePath,
    logLevel,
    corsOrigins,
    apiKeys,
    requireKeyForReads,
    responseCache,
    workers: readWorkersMode(env),
    ...readScaleConfig(env),
  };
}

/** Whether HOST only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** DATABASE_URL, DATABASE_SCHEMA, REDIS_URL and REDIS_PREFIX (shared by the server and `npm run worker`). */
export function readScaleConfig(env: NodeJS.ProcessEnv = process.env): Pick<ServerConfig, 'databaseUrl' | 'databaseSchema' | 'redis'> {
  const out: Pick<ServerConfig, 'databaseUrl' | 'databaseSchema' | 'redis'> = {};
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new Error(`DATABASE_URL = ${JSON.stringify(databaseUrl.replace(/\/\/[^@/]*@/, '//…@'))} is invalid: expected postgres://user@host:port/database`);
    }
    out.databaseUrl = databaseUrl;
  }
  const schema = env.DATABASE_SCHEMA?.trim();
  if (schema) out.databaseSchema = schema;
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl) {
    if (!/^rediss?:\/\//.test(redisUrl)) throw new Error(`REDIS_URL is invalid: expected redis://host:port (or rediss://)`);
    out.redis = { url: redisUrl, prefix: env.REDIS_PREFIX?.trim() || DEFAULT_REDIS_PREFIX };
  }
  return out;
}

function readWorkersMode(env: NodeJS.ProcessEnv): WorkersMode {
  const raw = env.WORKERS?.trim().toLowerCase() || 'embedded';
  if (raw !== 'embedded' && raw !== 'external') {
    throw new Error(`WORKERS = ${JSON.stringify(env.WORKERS)} is invalid: expected embedded (default) or external`);
  }
  if (raw === 'external' && !env.REDIS_URL?.trim()) throw new Error('WORKERS=external needs REDIS_URL (the job queue lives in Redis)');
  if (raw === 'external' && !env.DATABASE_URL?.trim()) throw new Error('WORKERS=external needs DATABASE_URL (workers write events to the shared database)');
  return raw;
}
