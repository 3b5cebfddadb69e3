import { describe, expect, it } from 'vitest';

import { locateAzureCli } from './locate-azure-cli.js';

/** A file system with only these files (Windows paths compared case-insensitively). */
function filesystem(...files: string[]): (path: string) => boolean {
  const known = new Set(files.map((file) => file.toLowerCase()));
  return (path) => known.has(path.toLowerCase());
}

describe('locateAzureCli', () => {
  it('runs az itself outside Windows', () => {
    expect(locateAzureCli({ platform: 'linux', env: {} })).toEqual({ file: 'az', prefixArgs: [] });
    expect(locateAzureCli({ platform: 'darwin', env: {} })).toEqual({ file: 'az', prefixArgs: [] });
  });

  it("runs az.cmd's bundled python on the CLI module on Windows, as az.cmd does", () => {
    const exists = filesystem(
      'C:\\Program Files\\Microsoft SDKs\\Azure\\CLI2\\wbin\\az.cmd',
      'C:\\Program Files\\Microsoft SDKs\\Azure\\CLI2\\python.exe',
    );
    const env = { Path: 'C:\\Windows\\system32;"C:\\Program Files\\Microsoft SDKs\\Azure\\CLI2\\wbin"' };

    expect(locateAzureCli({ platform: 'win32', env, exists })).toEqual({
      file: 'C:\\Program Files\\Microsoft SDKs\\Azure\\CLI2\\python.exe',
      prefixArgs: ['-IBm', 'azure.cli'],
    });
  });

  it('skips relative PATH entries, which would resolve against the working directory (the repository)', () => {
    const exists = filesystem('tools\\az.cmd', 'python.exe', 'D:\\az\\wbin\\az.cmd', 'D:\\az\\python.exe');

    expect(locateAzureCli({ platform: 'win32', env: { PATH: 'tools;.;D:\\az\\wbin' }, exists })).toEqual({
      file: 'D:\\az\\python.exe',
      prefixArgs: ['-IBm', 'azure.cli'],
    });
  });

  it('finds nothing on Windows without az.cmd next to a python.exe one folder up', () => {
    const exists = filesystem('C:\\bin\\az.cmd');

    expect(locateAzureCli({ platform: 'win32', env: { PATH: 'C:\\bin' }, exists })).toBeUndefined();
    expect(locateAzureCli({ platform: 'win32', env: {}, exists })).toBeUndefined();
  });
});
