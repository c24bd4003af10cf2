import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { MemberRow } from '../../../../shared/domain/directory';
import { getApi } from '../../lib/api';
import { usePushed } from '../../lib/pushed';

/**
 * A long task in main (reading a file, loading a listing, planning an import), as its progress
 * events describe it. Server data, so it lives in the query cache: each event replaces the entry
 * with a new object, and rows streamed by a listing are a new array each time (never pushed in place).
 */
export interface TaskProgress {
  label: string;
  done: number;
  total: number | null;
  /** Members streamed so far (listing tasks only). */
  rows: readonly MemberRow[];
}

export const taskKeys = {
  all: ['tasks'] as const,
  task: (taskId: string) => ['tasks', 'task', taskId] as const,
  /** The task id of the listing loading for a tenant, or null. */
  listing: (tenantId: string) => ['tasks', 'listing', tenantId] as const,
};

let taskCounter = 0;
export const newTaskId = (kind: string) => `${kind}-${Date.now().toString(36)}-${(taskCounter += 1)}`;

/** Starts following a task: its progress events are kept from now until `endTask`. */
export function beginTask(client: QueryClient, taskId: string, label: string, listingOf?: string): void {
  const started: TaskProgress = { label, done: 0, total: null, rows: [] };
  client.setQueryData<TaskProgress | null>(taskKeys.task(taskId), started);
  if (listingOf !== undefined) client.setQueryData<string | null>(taskKeys.listing(listingOf), taskId);
}

export function endTask(client: QueryClient, taskId: string, listingOf?: string): void {
  client.setQueryData<TaskProgress | null>(taskKeys.task(taskId), null);
  if (listingOf !== undefined && client.getQueryData(taskKeys.listing(listingOf)) === taskId) {
    client.setQueryData<string | null>(taskKeys.listing(listingOf), null);
  }
}

/** A task's progress while it runs; undefined before it starts and after it ends. */
export function useTask(taskId: string | null): TaskProgress | undefined {
  return usePushed<TaskProgress | null>(taskKeys.task(taskId ?? '')) ?? undefined;
}

/** The listing loading for a tenant, if one is. */
export function useListingTask(tenantId: string): TaskProgress | undefined {
  return useTask(usePushed<string | null>(taskKeys.listing(tenantId)) ?? null);
}

/** Subscribes once to the progress events main pushes; mounted by the app shell. */
export function useTaskEvents(): void {
  const client = useQueryClient();
  useEffect(() => {
    const api = getApi();
    // Events of a task nobody follows (ended, or started by another window) are dropped.
    const update = (taskId: string, change: (task: TaskProgress) => TaskProgress) =>
      client.setQueryData<TaskProgress | null>(taskKeys.task(taskId), (task) => (task ? change(task) : task));
    const offProgress = api.on('task.progress', (p) =>
      update(p.taskId, (task) => ({ ...task, label: p.label, done: p.done, total: p.total })),
    );
    const offRows = api.on('directory.rows', (p) =>
      update(p.taskId, (task) => ({ ...task, rows: task.rows.concat(p.rows) })),
    );
    return () => {
      offProgress();
      offRows();
    };
  }, [client]);
}

/** A task id of a component's own for its long calls, and that task's progress while one runs. */
export function useOwnTask(kind: string) {
  const client = useQueryClient();
  const [taskId] = useState(() => newTaskId(kind));
  const task = useTask(taskId);
  return {
    taskId,
    task,
    begin: (label: string, listingOf?: string) => beginTask(client, taskId, label, listingOf),
    end: (listingOf?: string) => endTask(client, taskId, listingOf),
  };
}
