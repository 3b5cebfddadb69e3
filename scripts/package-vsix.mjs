// Builds the VSIX into dist/ with tfx-cli, offline: stages the extension (manifest, overview, icon, the bundled
// task from task/dist) in dist/vsix-root so each folder in the VSIX is named as in the manifest, then runs
// `tfx extension create` there. Extra arguments go to tfx, e.g. `npm run package -- --publisher my-publisher`;
// `--task-dir DIR` and `--out-dir DIR` replace task/dist and dist (tests use temporary folders).
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values, tokens } = parseArgs({
  options: { 'task-dir': { type: 'string' }, 'out-dir': { type: 'string' } },
  strict: false,
  tokens: true,
});
const taskDir =
  typeof values['task-dir'] === 'string' ? resolve(values['task-dir']) : join(root, 'task', 'dist');
const outDir = typeof values['out-dir'] === 'string' ? resolve(values['out-dir']) : join(root, 'dist');
// Everything but our two options goes to tfx unchanged.
const ours = new Set(['task-dir', 'out-dir']);
const tfxArguments = tokens
  .filter((token) => !(token.kind === 'option' && ours.has(token.name)))
  .flatMap((token) =>
    token.kind === 'option'
      ? [token.rawName, ...(token.value === undefined ? [] : [token.value])]
      : [token.value ?? ''],
  );
const staging = join(outDir, 'vsix-root');
const started = performance.now();

const manifest = JSON.parse(await readFile(join(root, 'vss-extension.json'), 'utf8'));
const task = JSON.parse(await readFile(join(root, 'task', 'task.json'), 'utf8'));
const taskVersion = `${task.version.Major}.${task.version.Minor}.${task.version.Patch}`;
if (manifest.version !== taskVersion) {
  fail(
    `vss-extension.json version ${manifest.version} differs from task/task.json ${taskVersion}; bump both`,
  );
}
try {
  await stat(join(taskDir, 'main.js'));
} catch {
  fail(
    `${relative(root, taskDir)}/main.js is missing: run \`npm run build:task\` first (\`npm run package\` does)`,
  );
}

await rm(staging, { recursive: true, force: true });
await mkdir(join(staging, 'images'), { recursive: true });
await cp(join(root, 'vss-extension.json'), join(staging, 'vss-extension.json'));
await cp(join(root, 'docs', 'marketplace-overview.md'), join(staging, 'overview.md'));
await cp(join(root, 'images', 'extension-icon.png'), join(staging, 'images', 'extension-icon.png'));
await cp(taskDir, join(staging, 'AzdoRequeue'), { recursive: true });

// tfx makes no network call for `extension create`; these keep it from asking, colouring or tracing anyway.
const tfx = join(root, 'node_modules', 'tfx-cli', '_build', 'tfx-cli.js');
const args = [
  tfx,
  'extension',
  'create',
  '--root',
  staging,
  '--manifest-globs',
  'vss-extension.json',
  '--output-path',
  outDir,
  '--no-prompt',
  '--json',
  ...tfxArguments,
];
let stdout;
try {
  ({ stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: staging,
    env: { ...process.env, NO_COLOR: '1', TFX_TRACE: '', NO_UPDATE_NOTIFIER: '1' },
    maxBuffer: 16 * 1024 * 1024,
  }));
} catch (error) {
  fail(`tfx extension create failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
}
// With --json tfx prints one JSON object ({ path, extensionId, version, publisher }) after any warnings. A warning
// (e.g. task.json validation, "in the future … treated as an error") fails the build now.
const warnings = stdout.slice(0, stdout.indexOf('{')).trim();
if (warnings !== '') fail(`tfx warned:\n${warnings}`);
const result = JSON.parse(stdout.slice(stdout.indexOf('{')));
const { size } = await stat(result.path);
const ms = Math.round(performance.now() - started);
console.log(`package-vsix: ${relative(root, result.path)} ${(size / 1024).toFixed(1)} KiB in ${ms} ms`);

function fail(message) {
  console.error(`package-vsix: ${message}`);
  process.exit(1);
}
