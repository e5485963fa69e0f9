/**
 * Start-up faults of `npm start` (src/server/main.ts spawned as a process): every bad DATABASE_PATH, and a bad
 * setting, exits non-zero with one line that names the variable and what to do — no stack trace, no hang (a path
 * under /proc used to spin at 100 % CPU).
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'zeroplan-startup-'));
afterAll(() => removeDir(dir));

/** Runs main.ts with `env`; resolves with its exit code and output (killed after 60 s: a hang fails the test). */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

function fixtures(): Record<string, string> {
  const directory = join(dir, 'a-directory.db');
  mkdirSync(directory);
  const notADatabase = join(dir, 'notes.db');
  writeFileSync(notADatabase, 'These are my notes, not an SQLite database. '.repeat(20));
  const full = join(dir, 'full.db');
  const db = new Database(full);
  db.exec('CREATE TABLE t (x TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  for (let i = 0; i < 500; i++) insert.run('x'.repeat(400));
  db.close();
  const truncated = join(dir, 'truncated.db');
  writeFileSync(truncated, readFileSync(full).subarray(0, 8192));
  const fileAsDirectory = join(dir, 'plain-file');
  writeFileSync(fileAsDirectory, 'x');
  return {
    'a directory': directory,
    'not a database': notADatabase,
    truncated,
    'under /proc': '/proc/self/zeroplan.db',
    'an existing /proc file': '/proc/self/status',
    'below a plain file': join(fileAsDirectory, 'zeroplan.db'),
  };
}

describe('DATABASE_PATH faults', () => {
  const cases = Object.entries(fixtures());
  it.each(cases)('%s: exits 1 with one line naming DATABASE_PATH', { timeout: 90_000 }, async (_what, path) => {
    const { code, stderr } = await start({ DATABASE_PATH: path });
    expect(code).toBe(1);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^zeroplan cannot start: DATABASE_PATH = ".*"( is| cannot|:)/);
    expect(lines[0]).toContain(JSON.stringify(path));
    expect(stderr).not.toMatch(/\bat \S+ \(/); // no stack frame
  });

  it.skipIf(process.getuid?.() === 0)('an unwritable directory: exits 1 naming DATABASE_PATH', { timeout: 90_000 }, async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const { code, stderr } = await start({ DATABASE_PATH: join(locked, 'zeroplan.db') });
    chmodSync(locked, 0o700);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^zeroplan cannot start: DATABASE_PATH = .* cannot be (written|opened)/)]);
  });
});

describe('settings faults', () => {
  it('a malformed key list exits 1 with one line naming ZEROPLAN_API_KEYS', { timeout: 90_000 }, async () => {
    const { code, stderr } = await start({ DATABASE_PATH: join(dir, 'ok.db'), ZEROPLAN_API_KEYS: 'short' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^zeroplan cannot start: ZEROPLAN_API_KEYS entry 1 is invalid/)]);
  });
});
