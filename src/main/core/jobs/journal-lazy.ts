import { openJournal, type Journal } from './journal';
/**
 * The journal, opened on first use rather than at start-up, so a data folder that cannot be
 * written does not stop the console from starting: each job call then fails with a typed error
 * that names the folder (`onFailure` makes it), and is tried again on the next call.
 */
export function lazyJournal(file: string, now: () => Date, onFailure: (error: unknown) => Error): Journal {
  let opened: Journal | null = null;
  const get = (): Journal => {
    if (!opened) {
      try {
        opened = openJournal(file, now);
      } catch (error) {
        throw onFailure(error);
      }
    }
    return opened;
  };
  return new Proxy({} as Journal, {
    get(_target, key: string | symbol) {
      // Closing a journal that was never opened has nothing to do.
      if (key === 'close' && !opened) return () => undefined;
      const journal = get();
      const value = (journal as unknown as Record<string | symbol, unknown>)[key];
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(journal) : value;
    },
  });
}
