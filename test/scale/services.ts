/**
 * Test access to the optional services (PostgreSQL on DATABASE_URL, Redis on REDIS_URL): unique names per run, so
 * tests of several runs (and other developers' runs) can share one server, and clean-up helpers.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createPgPool, quoteIdent } from '../../src/server/pg-stores.js';

export const DATABASE_URL = process.env.DATABASE_URL?.trim() || undefined;
export const REDIS_URL = process.env.REDIS_URL?.trim() || undefined;

const run = `${process.pid}_${randomBytes(3).toString('hex')}`;
let counter = 0;

/** A PostgreSQL schema name no other run uses. */
export function uniqueSchema(label: string): string {
  counter += 1;
  return `zp_test_${label}_${run}_${counter}`;
}

/** A Redis key prefix no other run uses. */
export function uniquePrefix(label: string): string {
  counter += 1;
  return `zp_test:${label}:${run}:${counter}:`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const pool = createPgPool(url, { max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
  } finally {
    await pool.end();
  }
}

/** Deletes every Redis key under `prefix`. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
