// Checks the import graph of src/ (tests excluded): no cycle between files, and no arrow that climbs a floor, i.e.
// no two folders (or a folder and a loose file beside it) that import each other (docs/architecture.md). ESLint's
// layer rules say which arrows are allowed; this catches what they cannot: two folders that each look fine alone
// but import each other. Type-only and dynamic imports count: a cycle over a type is still two files that cannot
// be understood apart.
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

/**
 * Within each folder, its subfolders are floors and its loose files are floors of their own (http/types.ts sits
 * below http/errors/, http/create-pipeline.ts above http/policies/). An arrow climbs when the children of some
 * folder that hold the two ends import each other, around a cycle that goes through a subfolder.
 */
function folderCycles() {
  const folders = new Set(['.', ...files.map((file) => dirname(file))]);
  for (const folder of [...folders]) {
    for (let up = dirname(folder); up !== '.'; up = dirname(up)) folders.add(up);
  }
  const found = [];
  for (const folder of folders) {
    const prefix = folder === '.' ? '' : `${folder}/`;
    const childOf = (file) => {
      const [first, ...rest] = file.slice(prefix.length).split('/');
      return rest.length > 0 ? `${prefix}${first}/` : `${prefix}${first}`;
    };
    const graph = new Map();
    const examples = new Map();
    for (const [file, targets] of fileGraph) {
      if (!file.startsWith(prefix)) continue;
      for (const target of targets) {
        if (!target.startsWith(prefix)) continue;
        const from = childOf(file);
        const to = childOf(target);
        if (from === to) continue;
        if (!graph.has(from)) graph.set(from, new Set());
        graph.get(from).add(to);
        if (!examples.has(`${from} -> ${to}`)) examples.set(`${from} -> ${to}`, `${file} -> ${target}`);
      }
    }
    for (const cycle of cycles(graph)) {
      if (!cycle.some((node) => node.endsWith('/'))) continue; // a cycle of loose files only: reported per file
      const inside = new Set(cycle);
      const arrows = [...examples]
        .filter(([key]) => key.split(' -> ').every((node) => inside.has(node)))
        .map(([key, example]) => `    ${key} (e.g. ${example})`);
      found.push(`${cycle.join(', ')}\n${arrows.join('\n')}`);
    }
  }
  return found;
}

const fileCycles = cycles(fileGraph);
const climbing = folderCycles();
for (const cycle of fileCycles) console.error(`import cycle between files: ${cycle.join(', ')}`);
for (const cycle of climbing) console.error(`floors that import each other: ${cycle}`);
console.log(
  `import graph: ${files.length} files; cycles: ${fileCycles.length}; ` +
    `folder cycles (climbing arrows): ${climbing.length}`,
);
if (fileCycles.length > 0 || climbing.length > 0) process.exit(1);
