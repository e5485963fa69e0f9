/**
 * The core is pure: no GraphQL, no I/O, no clock, and it never imports from the layers above it
 * (data flows server → schema → core/simulation). The engine in src/simulation may use the core, never the
 * schema or server. This test reads the sources as text, so a stray import fails here before it spreads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', 'src');

function sources(folder: string): Array<{ file: string; text: string }> {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: `${folder}/${f}`, text: readFileSync(join(root, folder, f), 'utf8') }));
}

function importedModules(text: string): string[] {
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:import|export)[^'"`;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    specifiers.push((match[1] ?? match[2])!);
  }
  return specifiers;
}

describe('src/core is pure', () => {
  const core = sources('core');

  it('has modules to check', () => {
    expect(core.length).toBeGreaterThan(8);
  });

  it.each(core.map((s) => [s.file, s] as const))('%s imports only core modules', (_file, source) => {
    for (const specifier of importedModules(source.text)) {
      // A relative .js module that resolves inside src/core (sibling or sub-folder, e.g. core/search/…).
      expect(specifier, `${source.file} imports ${specifier}`).toMatch(/^\.\.?\/[\w./-]+\.js$/);
      expect(join(source.file, '..', specifier), `${source.file} imports ${specifier}`).toMatch(/^core\//);
    }
  });

  it.each(core.map((s) => [s.file, s] as const))('%s reads no clock, environment or randomness', (_file, source) => {
    const code = source.text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bDate\.now\b|\bnew Date\b|\bperformance\.now\b|\bprocess\.|\bMath\.random\b/);
  });
});

describe('src/simulation never imports the schema or server layers', () => {
  it.each(sources('simulation').map((s) => [s.file, s] as const))('%s', (_file, source) => {
    for (const specifier of importedModules(source.text)) {
      expect(specifier, `${source.file} imports ${specifier}`).not.toMatch(/\/(schema|server)\//);
    }
  });
});
