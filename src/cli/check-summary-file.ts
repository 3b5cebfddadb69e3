// Fails before acting: a --summary-file that cannot be written is a configuration error found before the first
// request, not after the requeues (issue 15.G). Nothing is created here; the report writes the file at the end.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { UsageError } from './parse-args.js';

export async function checkSummaryFileWritable(path: string): Promise<void> {
  const target = resolve(path);
  const existing = await stat(target).catch(() => undefined);
  const fail = (why: string): never => {
    throw new UsageError(`--summary-file ${path} cannot be written: ${why}`);
  };
  if (existing?.isDirectory()) fail('it is a directory');
  const checked = existing ? target : dirname(target);
  const parent = existing ? undefined : await stat(checked).catch(() => undefined);
  if (!existing && !parent?.isDirectory()) fail(`its folder ${checked} does not exist`);
  await access(checked, constants.W_OK).catch(() =>
    fail(existing ? 'no permission to write it' : `no permission to create files in ${checked}`),
  );
}
