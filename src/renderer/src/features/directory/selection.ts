/**
 * Table selection as a desktop admin expects it: a plain click views a row (and anchors a range),
 * Ctrl/Cmd+click or the checkbox toggles, Shift+click selects the range from the anchor in the order shown, "select all" takes every
 * member the current search and filters match. Pure, so it is tested without a DOM.
 */
export interface Selection {
  ids: ReadonlySet<string>;
  /** Where the next Shift+click range starts. */
  anchor: string | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null };

/** `range` selects from the anchor and nothing else (Shift); `range-add` adds it (Ctrl/Cmd+Shift, Shift on a checkbox). */
export type SelectGesture = 'replace' | 'toggle' | 'range' | 'range-add';

export function gestureOf(event: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectGesture {
  if (event.shiftKey) return event.ctrlKey || event.metaKey ? 'range-add' : 'range';
  if (event.ctrlKey || event.metaKey) return 'toggle';
  return 'replace';
}

/** `visible` is the ids in display order (after search, filters and sort). */
export function select(current: Selection, id: string, gesture: SelectGesture, visible: readonly string[]): Selection {
  if (gesture === 'toggle') {
    const ids = new Set(current.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id };
  }
  if ((gesture === 'range' || gesture === 'range-add') && current.anchor !== null) {
    const from = visible.indexOf(current.anchor);
    const to = visible.indexOf(id);
    if (from !== -1 && to !== -1) {
      const ids = new Set(gesture === 'range-add' ? current.ids : []);
      const [lo, hi] = from < to ? [from, to] : [to, from];
      for (let i = lo; i <= hi; i += 1) ids.add(visible[i]!);
      return { ids, anchor: current.anchor };
    }
  }
  if (gesture === 'range-add') return { ids: new Set([...current.ids, id]), anchor: id };
  return { ids: new Set([id]), anchor: id };
}

/** Moves the anchor (where a Shift+click range starts) without changing what is selected. */
export function anchorAt(current: Selection, id: string): Selection {
  return current.anchor === id ? current : { ids: current.ids, anchor: id };
}

export function selectAll(visible: readonly string[]): Selection {
  return { ids: new Set(visible), anchor: visible[0] ?? null };
}

/** Drops ids that no longer exist (deleted members), keeping the rest. */
export function prune(current: Selection, exists: (id: string) => boolean): Selection {
  let changed = false;
  const ids = new Set<string>();
  for (const id of current.ids) {
    if (exists(id)) ids.add(id);
    else changed = true;
  }
  if (!changed) return current;
  return { ids, anchor: current.anchor && exists(current.anchor) ? current.anchor : null };
}
