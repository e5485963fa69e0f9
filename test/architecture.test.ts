/**
 * Architecture rules that the type checker does not see. Import cycles in src/ are refused by the linter
 * (biome.jsonc: noImportCycles, type-only imports included); the purity of the core and the engine is in
 * test/core/purity.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(join(src, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
}

function importSpecifiers(text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

describe('src/services holds contracts only', () => {
  it.each(filesUnder('services'))('%s imports no GraphQL, schema or server module', (file) => {
    const specifiers = importSpecifiers(readFileSync(join(src, file), 'utf8'));
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) {
      expect(specifier, `${file} imports ${specifier}`).not.toMatch(/^graphql|@pothos|\/(schema|server)\//);
    }
  });
});
