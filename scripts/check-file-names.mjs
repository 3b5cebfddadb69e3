// Checks that every source file name is kebab-case (the project's one naming style; see docs/architecture.md).
import { execFileSync } from 'node:child_process';

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /^(src|test|bench|scripts|examples|task\/src)\/.*\.(ts|mjs|js)$/.test(f));
const kebab = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.(ts|mjs|js)$/;
const bad = files.filter((f) => !kebab.test(f.split('/').pop() ?? ''));
if (bad.length > 0) {
  console.error(`file names must be kebab-case:\n  ${bad.join('\n  ')}`);
  process.exit(1);
}
console.log(`file names: ${files.length} checked, all kebab-case`);
