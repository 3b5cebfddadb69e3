import { describe, expect, it } from 'vitest';

import { readApiVersionSetting } from './read-api-version-setting.js';

describe('readApiVersionSetting', () => {
  it('is auto when not given, and takes auto in any case', () => {
    expect(readApiVersionSetting('--api-version', undefined)).toEqual({ mode: 'auto' });
    expect(readApiVersionSetting('--api-version', 'AUTO')).toEqual({ mode: 'auto' });
  });

  it('pins a release from 5.0 on', () => {
    expect(readApiVersionSetting('apiVersion', '5.0')).toEqual({ mode: { major: 5, minor: 0 } });
    expect(readApiVersionSetting('apiVersion', '7.1')).toEqual({ mode: { major: 7, minor: 1 } });
  });

  it.each(['', '4.1', '7', '7.1-preview.1', 'latest'])('names the setting and the value for "%s"', (text) => {
    expect(readApiVersionSetting('apiVersion', text)).toEqual({
      problem: `apiVersion must be auto or a REST version from 5.0 (5.0 Server 2019, 6.0 Server 2020, 7.0 Server 2022), got "${text}"`,
    });
  });
});
