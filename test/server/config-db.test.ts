/** Environment config, database opening (WAL, directory creation) and migrations that run exactly once. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/server/config.js';
import { openDatabase, runMigrations, type Migration } from '../../src/server/db.js';
import { removeDir } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'zeroplan-db-'));
afterAll(() => removeDir(dir));

describe('readConfig', () => {
  it('defaults to 127.0.0.1:4000 and ./data/zeroplan.db', () => {
    expect(readConfig({})).toEqual({ port: 4000, host: '127.0.0.1', databasePath: resolve('data/zeroplan.db'), logLevel: 'info', corsOrigins: [], apiKeys: [], requireKeyForReads: false, responseCache: true, workers: 'embedded' });
  });

  it('reads PORT, HOST and DATABASE_PATH; refuses a malformed PORT', () => {
    expect(readConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_PATH: '/tmp/x.db' })).toEqual({ port: 8080, host: '0.0.0.0', databasePath: '/tmp/x.db', logLevel: 'info', corsOrigins: [], apiKeys: [], requireKeyForReads: false, responseCache: true, workers: 'embedded' });
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT = "eighty" is invalid/);
    expect(() => readConfig({ WORKERS: 'cloud' })).toThrow(/WORKERS = "cloud" is invalid: expected embedded \(default\) or external/);
    expect(() => readConfig({ WORKERS: 'external' })).toThrow(/WORKERS=external needs REDIS_URL/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL = "mysql:\/\/x" is invalid/);
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://u@h/d', WORKERS: 'external' })).toMatchObject({
      databaseUrl: 'postgres://u@h/d',
      redis: { url: 'redis://127.0.0.1:6379', prefix: 'zeroplan:' },
      workers: 'external',
    });
    expect(() => readConfig({ PORT: '70000' })).toThrow(/\[0, 65535\]/);
  });

  it('reads RESPONSE_CACHE (default on; 0 turns the cache of repeated read-only queries off); refuses other values', () => {
    expect(readConfig({}).responseCache).toBe(true);
    expect(readConfig({ RESPONSE_CACHE: '' }).responseCache).toBe(true);
    expect(readConfig({ RESPONSE_CACHE: '0' }).responseCache).toBe(false);
    expect(readConfig({ RESPONSE_CACHE: 'off' }).responseCache).toBe(false);
    expect(() => readConfig({ RESPONSE_CACHE: 'sometimes' })).toThrow(/RESPONSE_CACHE = "sometimes" is invalid: expected 1 \(default\) or 0/);
  });
  it('reads CORS_ORIGINS as exact origins; refuses "*", paths and non-http schemes', () => {
    expect(readConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173/' }).corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(() => readConfig({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS is invalid: "\*" is not accepted/);
    expect(() => readConfig({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(/has a path/);
    expect(() => readConfig({ CORS_ORIGINS: 'ftp://a.example' })).toThrow(/expected an http/);
  });

  it('reads LOG_LEVEL (DEBUG=1 means debug, as in yoga); refuses an unknown level', () => {
    expect(readConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
    expect(readConfig({ DEBUG: '1' }).logLevel).toBe('debug');
    expect(readConfig({ DEBUG: '1', LOG_LEVEL: 'error' }).logLevel).toBe('error');
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL = "loud" is invalid: expected one of debug, info, warn, error, silent/);
  });
});

describe('openDatabase and migrations', () => {
  it('creates the directory, uses WAL, and applies each migration once in order', () => {
    const path = join(dir, 'a', 'b', 'test.db');
    const calls: string[] = [];
    const extra: Migration[] = [
      { id: 'sim_0001_first', up: (db) => { calls.push('first'); db.exec('CREATE TABLE t1 (x INTEGER)'); } },
      { id: 'sim_0002_second', up: (db) => { calls.push('second'); db.exec('CREATE TABLE t2 (x INTEGER)'); } },
    ];
    const db = openDatabase(path, extra);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(calls).toEqual(['first', 'second']);
    expect(runMigrations(db, extra)).toEqual([]);
    db.close();
    const again = openDatabase(path, extra);
    expect(calls).toEqual(['first', 'second']);
    expect((again.prepare('SELECT id FROM migrations ORDER BY id').all() as { id: string }[]).map((r) => r.id)).toEqual(['sim_0001_first', 'sim_0002_second']);
    again.close();
  });

  it('rolls back a failing migration and refuses duplicate ids', () => {
    const db = openDatabase(join(dir, 'rollback.db'), []);
    expect(() => runMigrations(db, [{ id: 'bad', up: (d) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } }])).toThrow('boom');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(() => runMigrations(db, [{ id: 'dup', up: () => undefined }, { id: 'dup', up: () => undefined }])).toThrow(/duplicate/);
    db.close();
  });
});
