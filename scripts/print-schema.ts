/**
 * `npm run schema:print` writes the sorted SDL to schema/schema.graphql; `npm run schema:check` (`--check`) exits 1
 * when the committed file differs from the schema the code builds (the tests run the check too).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from '../src/schema/index.js';

export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema', 'schema.graphql');

/** The SDL as committed: sorted, printed, one trailing newline. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(buildSchema()))}\n`;
}

function main(): void {
  const sdl = printedSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SCHEMA_FILE, 'utf8');
    } catch {
      // missing file counts as drift
    }
    if (current !== sdl) {
      console.error(`${SCHEMA_FILE} is out of date: run \`npm run schema:print\` (and \`npm run codegen\`) and commit the result.`);
      process.exit(1);
    }
    console.log('schema/schema.graphql is up to date');
    return;
  }
  writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${SCHEMA_FILE}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
