/**
 * Test helpers: an app on a temp SQLite file (always disposed), and typed execution of codegen documents through
 * `yoga.fetch` (in-process, no socket).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { createApp, type App, type AppOptions } from '../../src/server/app.js';

export interface TestApp {
  app: App;
  dir: string;
  databasePath: string;
  dispose(): Promise<void>;
}

/** A fresh app on `<tmp>/zeroplan-…/test.db` (or on `databasePath` to reopen one). */
export function createTestApp(options: Partial<AppOptions> & { dir?: string } = {}): TestApp {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'zeroplan-test-'));
  const databasePath = options.databasePath ?? join(dir, 'test.db');
  const app = createApp({ ...options, databasePath });
  let disposed = false;
  return {
    app,
    dir,
    databasePath,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await app.stop();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown> & { code?: string; field?: string; allowed?: string };
}

export interface Response<R> {
  status: number;
  data?: R | null;
  errors?: GraphQLErrorShape[];
}

const printed = new WeakMap<object, string>();

/** POST a typed document with variables; returns HTTP status, data and errors. */
export async function execute<R, V>(
  app: App,
  document: TypedDocumentNode<R, V>,
  variables?: V,
): Promise<Response<R>> {
  let query = printed.get(document);
  if (query === undefined) {
    query = print(document);
    printed.set(document, query);
  }
  return post<R>(app, { query, variables: variables ?? {} });
}

/** POST a raw body (for hostile inputs the typed documents cannot express). */
export async function post<R = unknown>(app: App, body: unknown): Promise<Response<R>> {
  const response = await app.yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: { data?: R | null; errors?: GraphQLErrorShape[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    throw new Error(`non-JSON response ${response.status}: ${text.slice(0, 200)}`);
  }
  return { status: response.status, ...json };
}

/** The single error of a response, asserting there is exactly one. */
export function onlyError<R>(response: Response<R>): GraphQLErrorShape {
  if (response.errors?.length !== 1) {
    throw new Error(`expected exactly one error, got ${JSON.stringify(response.errors ?? response.data)}`);
  }
  return response.errors[0]!;
}

/** Relative difference |a − b| / |b|. */
export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

/**
 * GPT-3 175B on 1,024 A100-80GB with the Megatron-LM recipe (Narayanan et al. 2021: TP 8, PP 8, full recompute),
 * 300B tokens ≈ 34 days: the plan several API tests start from.
 */
export const MEGATRON_GPT3_PLAN = {
  model: 'gpt3-175b',
  cluster: 'a100-80gb-x1024',
  globalBatchSize: 1536,
  tensorParallel: 8,
  pipelineParallel: 8,
  recompute: 'FULL',
  trainingTokens: 300e9,
} as const;
