// The emulator's floors (docs/emulator.md) as a graph check: every arrow points down, no file import cycle.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EMULATOR = join(ROOT, 'src', 'emulator');

/** Relative path (from src/emulator) of every non-test source file → the files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = readdirSync(EMULATOR, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
  );
  for (const file of files) {
    const text = readFileSync(join(EMULATOR, file), 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((match) =>
      normalize(join(dirname(file), match[1] ?? '')).replace(/\.js$/, '.ts'),
    );
    graph.set(normalize(file), targets);
  }
  return graph;
}

function folderOf(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.length > 1 ? (parts[0] ?? '') : '';
}

function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle !== null) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle !== null) return cycle;
  }
  return null;
}

describe('emulator floors', () => {
  let floors: string[] = [];
  const graph = importGraph();

  beforeAll(async () => {
    // The order lives once, in eslint.config.js, which enforces it per file.
    const config = (await import(pathToFileURL(join(ROOT, 'eslint.config.js')).href)) as {
      EMULATOR_FLOORS: string[];
    };
    floors = config.EMULATOR_FLOORS;
  });

  it('places every emulator folder on a floor', () => {
    const folders = new Set([...graph.keys()].map(folderOf).filter((folder) => folder !== ''));
    expect([...folders].filter((folder) => !floors.includes(folder))).toEqual([]);
    expect(folders.size).toBeGreaterThan(5);
  });

  it('has no arrow that climbs a floor (the entry files of src/emulator/ sit on top)', () => {
    const rank = (file: string): number => {
      const folder = folderOf(file);
      return folder === '' ? floors.length : floors.indexOf(folder);
    };
    const upward: string[] = [];
    let crossing = 0;
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (folderOf(file) === folderOf(target)) continue;
        crossing += 1;
        if (rank(target) >= rank(file)) upward.push(`${file} -> ${relative('.', target)}`);
      }
    }
    expect(upward).toEqual([]);
    expect(crossing).toBeGreaterThan(50);
  });

  it('has no import cycle between files', () => {
    expect(findCycle(graph)).toBeNull();
  });
});
