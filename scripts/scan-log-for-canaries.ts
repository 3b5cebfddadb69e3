// CI's last check (security checklist E4): no canary the tests made, in any encoded form, appears in the CI log or
// the test artifacts. Usage: tsx scripts/scan-log-for-canaries.ts CANARY_LIST FILE...
import { readFileSync } from 'node:fs';

import { findLeaks } from '../test/support/canary.js';

const [listPath, ...files] = process.argv.slice(2);
if (!listPath || files.length === 0) {
  console.error('usage: scan-log-for-canaries CANARY_LIST FILE...');
  process.exit(2);
}
const canaries = readFileSync(listPath, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');
const outputs = Object.fromEntries(files.map((file) => [file, readFileSync(file, 'utf8')]));
const leaks = canaries.flatMap((canary) => findLeaks(outputs, canary));
if (leaks.length > 0) {
  console.error(`canary scan: ${leaks.length} leaks in the CI log or artifacts:\n  ${leaks.join('\n  ')}`);
  process.exit(1);
}
if (canaries.length === 0) {
  console.error('canary scan: the tests listed no canary; the sweep did not run');
  process.exit(1);
}
console.log(`canary scan: ${canaries.length} canaries, ${files.length} files, no leak`);
