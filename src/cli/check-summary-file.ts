// Fails before acting: a --summary-file that cannot be written is a configuration error found before the first
// request, not after the requeues (issue 15.G). Nothing is created here; the report writes the file at the end,
// creating the folders it lacks, so a missing folder is fine when its nearest existing ancestor is a writable folder.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

import { UsageError } from './parse-args.js';

export async function checkSummaryFileWritable(path: string): Promise<void> {
  const target = resolve(path);
  const fail = (why: string): never => {
    throw new UsageError(`--summary-file ${path} cannot be written: ${why}`);
  };
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) fail('it is a directory');
  if (existing) {
    await access(target, constants.W_OK).catch(() => fail('no permission to write it'));
    return;
  }
  let folder = dirname(target);
  let found = await stat(folder).catch(() => undefined);
  while (!found && dirname(folder) !== folder) {
    folder = dirname(folder);
    found = await stat(folder).catch(() => undefined);
  }
  if (!found?.isDirectory()) fail(`${folder} is not a folder`);
  await access(folder, constants.W_OK).catch(() => fail(`no permission to create files in ${folder}`));
}
