// Where to run the Azure CLI from without a shell. On Linux and macOS `az` is an executable script. On Windows it
// is `az.cmd`, a batch file, and Node refuses to start a batch file without a shell (CVE-2024-27980), so
// execFile('az') finds nothing there. az.cmd only runs its bundled Python on the CLI module, `python.exe -IBm
// azure.cli %*` from the folder above it, so on Windows that Python is run the same way, still without a shell.
import { existsSync } from 'node:fs';
import { win32 } from 'node:path';

export interface AzureCliCommand {
  /** The program to run. */
  readonly file: string;
  /** Arguments before az's own (the Python module invocation on Windows). */
  readonly prefixArgs: readonly string[];
}

export interface LocateOptions {
  readonly platform: NodeJS.Platform;
  /** The environment whose PATH is searched (Windows names it `Path`; the lookup ignores case there). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default fs.existsSync */
  readonly exists?: (path: string) => boolean;
}

/** The command that runs az, or undefined when az.cmd and its Python are not found on a Windows PATH. */
export function locateAzureCli(options: LocateOptions): AzureCliCommand | undefined {
  if (options.platform !== 'win32') return { file: 'az', prefixArgs: [] };
  const exists = options.exists ?? existsSync;
  const pathValue = Object.entries(options.env).find(([name]) => name.toUpperCase() === 'PATH')?.[1] ?? '';
  for (const folder of pathValue.split(';')) {
    const directory = folder.trim().replace(/^"(.*)"$/, '$1');
    // Relative entries would resolve against the working directory: never a place to take a program from.
    if (directory === '' || !win32.isAbsolute(directory)) continue;
    if (!exists(win32.join(directory, 'az.cmd'))) continue;
    const python = win32.join(directory, '..', 'python.exe');
    if (exists(python)) return { file: python, prefixArgs: ['-IBm', 'azure.cli'] };
  }
  return undefined;
}
