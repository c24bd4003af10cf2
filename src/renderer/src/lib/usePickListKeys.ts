import { useCallback, useRef, type KeyboardEvent } from 'react';

const ITEMS = '[role="option"], input[type="checkbox"]';

/**
 * Arrow keys for a filter box above a list to pick from: ↓ in the box enters the list, ↑/↓
 * (and Home/End) move through it, ↑ on the first item goes back to the box.
 */
export function usePickListKeys<List extends HTMLElement>() {
  const filterRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<List>(null);

  const items = () => [...(listRef.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];

  const onFilterKeyDown = useCallback((event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown') return;
    const first = items()[0];
    if (!first) return;
    event.preventDefault();
    first.focus();
  }, []);

  const onListKeyDown = useCallback((event: KeyboardEvent<HTMLElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at === -1) return;
    const next =
      event.key === 'ArrowDown'
        ? Math.min(all.length - 1, at + 1)
        : event.key === 'ArrowUp'
          ? at - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? all.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    if (next < 0) filterRef.current?.focus();
    else all[next]!.focus();
  }, []);

  return { filterRef, listRef, onFilterKeyDown, onListKeyDown };
}
