import { describe, expect, it } from 'vitest';
import { readLaunchOverrides } from './test-hooks';

describe('readLaunchOverrides', () => {
  it('reads --data-dir before the environment when unpackaged', () => {
    expect(readLaunchOverrides(false, ['electron', '--data-dir=/tmp/a'], { SCIM_CONSOLE_DATA_DIR: '/tmp/b' })).toEqual({
      dataDir: '/tmp/a',
    });
    expect(readLaunchOverrides(false, [], { SCIM_CONSOLE_DATA_DIR: '/tmp/b' })).toEqual({ dataDir: '/tmp/b' });
  });

  it('ignores every override in a packaged build', () => {
    expect(readLaunchOverrides(true, ['--data-dir=/tmp/a'], { SCIM_CONSOLE_DATA_DIR: '/tmp/b' })).toEqual({
      dataDir: undefined,
    });
  });
});
