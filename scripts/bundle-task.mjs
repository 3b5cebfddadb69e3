// Bundles the Azure Pipelines task into one CommonJS file, task/dist/main.js, with task.json and icon.png beside it:
// a folder the agent runs with `node main.js` and no node_modules (docs/decisions/0006-task-bundling.md).
// `--out-dir DIR` writes elsewhere (tests bundle into a temporary folder, so parallel runs never share one).
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });
const outDir = values['out-dir'] ? resolve(values['out-dir']) : join(root, 'task', 'dist');
const started = performance.now();

await rm(outDir, { recursive: true, force: true });
await mkdir(outDir, { recursive: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: ['src/task/main.ts'],
  outfile: join(outDir, 'main.js'),
  bundle: true,
  // azure-pipelines-task-lib is CommonJS and the Node20_1 handler runs `node main.js`: CommonJS needs no
  // package.json with "type": "module" beside the bundle.
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // Dependencies written as ESM (e.g. `open`, reached through @azure/identity) read `import.meta.url`; in CommonJS
  // it would be empty, so it is defined as the bundle's own file URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: false,
  minifyWhitespace: true,
  minifySyntax: true,
  keepNames: true,
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
  // Any warning (an `import.meta` left in CommonJS, a require that cannot be bundled) would break the task at run
  // time on an agent: fail the build instead.
  logOverride: { 'empty-import-meta': 'error' },
});
if (result.warnings.length > 0) {
  console.error(`bundle-task: ${result.warnings.length} warning(s); refusing a bundle that may not run`);
  process.exit(1);
}
await copyFile(join(root, 'task', 'task.json'), join(outDir, 'task.json'));
await copyFile(join(root, 'task', 'icon.png'), join(outDir, 'icon.png'));
// The repository's package.json says "type": "module"; this one keeps main.js CommonJS wherever the folder sits.
await writeFile(join(outDir, 'package.json'), `${JSON.stringify({ type: 'commonjs', private: true })}\n`);

const { size } = await stat(join(outDir, 'main.js'));
const inputs = Object.keys(result.metafile.inputs).length;
const ms = Math.round(performance.now() - started);
const where = relative(root, join(outDir, 'main.js'));
console.log(`bundle-task: ${where} ${(size / 1024).toFixed(1)} KiB from ${inputs} modules in ${ms} ms`);
