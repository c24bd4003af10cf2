/**
 * One write at a time per group. Membership PATCHes of one group wait for each other (a server
 * that applies them as read-modify-write would otherwise lose some), while different groups go
 * ahead in parallel. A tenant's clients share one set, so jobs and the Members view queue together.
 */
export interface GroupLocks {
  run<T>(groupId: string, work: () => Promise<T>): Promise<T>;
}

export function createGroupLocks(): GroupLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(groupId: string, work: () => Promise<T>): Promise<T> {
      const before = tails.get(groupId) ?? Promise.resolve();
      const mine = before.then(work, work);
      const tail = mine.catch(() => undefined);
      tails.set(groupId, tail);
      void tail.then(() => {
        if (tails.get(groupId) === tail) tails.delete(groupId);
      });
      return mine;
    },
  };
}
