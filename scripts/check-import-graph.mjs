// Checks the import graph of src/ (tests excluded): no cycle between files, and no cycle between folders, which is
// what an arrow climbing a floor makes (docs/architecture.md). ESLint's layer rules say which arrows are allowed;
// this catches what they cannot: two folders that each look fine alone but import each other. Type-only and
// dynamic imports count: a cycle over a type is still two files that cannot be understood apart.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

/** Every non-test .ts file under src/, as paths relative to src/. */
function sourceFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(src, path)] : [];
  });
}

/** The src/ files a file imports: relative specifiers only, `.js` mapped back to the `.ts` it is built from. */
function importsOf(file, known) {
  const text = readFileSync(join(src, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(src, resolve(src, dirname(file), specifier)).replace(/\.js$/, '.ts'))
    .filter((target) => known.has(target));
}

/** Tarjan's strongly connected components; every component with more than one node is a cycle. */
function cycles(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const visit = (node) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node), low.get(target)));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node), index.get(target)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

const files = sourceFiles(src);
const known = new Set(files);
const fileGraph = new Map(files.map((file) => [file, new Set(importsOf(file, known))]));
const folderOf = (file) => dirname(file);
const folderGraph = new Map();
const arrows = new Map();
for (const [file, targets] of fileGraph) {
  for (const target of targets) {
    const from = folderOf(file);
    const to = folderOf(target);
    if (from === to) continue;
    if (!folderGraph.has(from)) folderGraph.set(from, new Set());
    folderGraph.get(from).add(to);
    arrows.set(`${from} -> ${to}`, `${file} -> ${target}`);
  }
}

const fileCycles = cycles(fileGraph);
const folderCycles = cycles(folderGraph);
for (const cycle of fileCycles) console.error(`import cycle between files: ${cycle.join(', ')}`);
for (const cycle of folderCycles) {
  const inside = new Set(cycle);
  const examples = [...arrows]
    .filter(([key]) => {
      const [from, to] = key.split(' -> ');
      return inside.has(from) && inside.has(to);
    })
    .map(([key, example]) => `    ${key} (e.g. ${example})`);
  console.error(`folders that import each other: ${cycle.join(', ')}\n${examples.join('\n')}`);
}
console.log(
  `import graph: ${files.length} files, ${folderGraph.size} folders; cycles: ${fileCycles.length}; ` +
    `folder cycles (climbing arrows): ${folderCycles.length}`,
);
if (fileCycles.length > 0 || folderCycles.length > 0) process.exit(1);
