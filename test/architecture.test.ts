/**
 * Architecture rules that the type checker does not see: src/services holds contracts only, and units stay small
 * enough to read. Import cycles in src/ are refused by the linter (biome.jsonc: noImportCycles, type-only imports
 * included); the purity of the core and the engine is in test/core/purity.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
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

// ---------------------------------------------------------------------------------------------------------------
// Units a reader can hold in their head: no source file over MAX_FILE_LINES and no function over MAX_FUNCTION_LINES
// in src/, except those listed below. The list only shrinks: a new offender fails this test.

const MAX_FILE_LINES = 600;
const MAX_FUNCTION_LINES = 120;

/** Files over MAX_FILE_LINES, each with why it is allowed for now. */
const LARGE_FILES: Record<string, string> = {
  // Being split by the performance/search work (issue 9) in parallel with this check; split there, not here.
};

/** Functions over MAX_FUNCTION_LINES (`file:name`), each with why it is allowed for now. */
const LONG_FUNCTIONS: Record<string, string> = {
};

function functionName(node: ts.FunctionLikeDeclaration, file: ts.SourceFile): string {
  if (node.name) return node.name.getText(file);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(file);
  return `<anonymous at line ${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}>`;
}

function sizes(): { files: Map<string, number>; functions: Map<string, number> } {
  const files = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const path of [...filesUnder('.')].map((f) => f.replace(/^\.\//, ''))) {
    const text = readFileSync(join(src, path), 'utf8');
    files.set(path, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    const file = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
        const first = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
        const last = file.getLineAndCharacterOfPosition(node.getEnd()).line;
        const key = `${path}:${functionName(node as ts.FunctionLikeDeclaration, file)}`;
        functions.set(key, Math.max(functions.get(key) ?? 0, last - first + 1));
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { files, functions };
}

describe('small units in src/', () => {
  const { files, functions } = sizes();

  it('measures the sources (the engine is split: its replica loop is under the limit)', () => {
    expect(files.size).toBeGreaterThan(40);
    expect(functions.get('simulation/engine/replica.ts:simulateReplica')).toBeLessThan(MAX_FUNCTION_LINES);
  });

  it(`no file over ${MAX_FILE_LINES} lines outside the allow-list`, () => {
    const offenders = [...files].filter(([f, n]) => n > MAX_FILE_LINES && !(f in LARGE_FILES)).map(([f, n]) => `${f} (${n})`);
    expect(offenders).toEqual([]);
  });

  it(`no function over ${MAX_FUNCTION_LINES} lines outside the allow-list`, () => {
    const offenders = [...functions]
      .filter(([f, n]) => n > MAX_FUNCTION_LINES && !(f in LONG_FUNCTIONS))
      .map(([f, n]) => `${f} (${n})`);
    expect(offenders).toEqual([]);
  });

  it('the allow-lists name only real offenders (remove an entry once its unit is split)', () => {
    const stale = [
      ...Object.keys(LARGE_FILES).filter((f) => (files.get(f) ?? 0) <= MAX_FILE_LINES),
      ...Object.keys(LONG_FUNCTIONS).filter((f) => (functions.get(f) ?? 0) <= MAX_FUNCTION_LINES),
    ];
    expect(stale).toEqual([]);
  });
});
