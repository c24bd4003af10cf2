import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { appInfoSchema } from '../../shared/domain/app-info';
import { createCore } from './app-core';
import { testDeps } from './testing/deps';

describe('createCore', () => {
  it('creates the data directory and reports it through app.info', async () => {
    const deps = testDeps();
    const dataDir = path.join(deps.dataDir, 'nested', 'profile');
    const core = createCore({ ...deps, dataDir });
    expect(existsSync(dataDir)).toBe(true);
    const result = await core.dispatch('app.info', {});
    expect(result.ok).toBe(true);
    const info = appInfoSchema.parse(result.ok ? result.value : null);
    expect(info.dataDir).toBe(dataDir);
    expect(info.host).toBe('node');
  });

  it('refuses work after close instead of throwing', async () => {
    const core = createCore(testDeps());
    await core.close();
    const result = await core.dispatch('app.info', {});
    expect(result.ok).toBe(false);
  });

  it('pushes valid events to every sink and drops invalid ones', () => {
    const core = createCore(testDeps());
    const sink = vi.fn();
    const unsubscribe = core.events.subscribe(sink);
    const progress = { taskId: 'list-1', label: 'Loading members', done: 10, total: 100, finished: false };
    core.events.emit('task.progress', progress);
    core.events.emit('task.progress', { ...progress, done: -1 });
    expect(sink).toHaveBeenCalledExactlyOnceWith('task.progress', progress);
    unsubscribe();
    core.events.emit('task.progress', progress);
    expect(sink).toHaveBeenCalledOnce();
  });

  it('keeps delivering to other sinks when one throws', () => {
    const core = createCore(testDeps());
    const good = vi.fn();
    core.events.subscribe(() => {
      throw new Error('renderer gone');
    });
    core.events.subscribe(good);
    core.events.emit('task.progress', { taskId: 't', label: '', done: 0, total: null, finished: true });
    expect(good).toHaveBeenCalledOnce();
  });
});
