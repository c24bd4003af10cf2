import { describe, expect, it } from 'vitest';
import { readLaunchOverrides } from './test-hooks';

describe('readLaunchOverrides', () => {
  it('reads --data-dir before the environment when unpackaged', () => {
    expect(readLaunchOverrides(false, ['electron', '--data-dir=/tmp/a'], { SCIM_CONSOLE_DATA_DIR: '/tmp/b' })).toEqual({
      dataDir: '/tmp/a',
      tenant: undefined,
      readOnly: false,
    });
    expect(readLaunchOverrides(false, [], { SCIM_CONSOLE_DATA_DIR: '/tmp/b' }).dataDir).toBe('/tmp/b');
  });

  it('ignores the data directory in a packaged build', () => {
    expect(
      readLaunchOverrides(true, ['--data-dir=/tmp/a'], { SCIM_CONSOLE_DATA_DIR: '/tmp/b' }).dataDir,
    ).toBeUndefined();
  });

  it('reads the tenant and read-only in every build, flags before the environment', () => {
    expect(readLaunchOverrides(true, ['app', '--tenant=Acme Design', '--read-only'], {})).toEqual({
      dataDir: undefined,
      tenant: 'Acme Design',
      readOnly: true,
    });
    expect(readLaunchOverrides(true, [], { SCIM_CONSOLE_TENANT: ' sandbox ', SCIM_CONSOLE_READ_ONLY: '1' })).toEqual({
      dataDir: undefined,
      tenant: 'sandbox',
      readOnly: true,
    });
    expect(readLaunchOverrides(false, ['--tenant='], {}).tenant).toBeUndefined();
  });
});
