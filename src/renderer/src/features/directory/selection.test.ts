import { describe, expect, it } from 'vitest';
import { EMPTY_SELECTION, gestureOf, prune, select, selectAll } from './selection';

describe('selection', () => {
  const visible = ['a1', 'b2', 'c3', 'd4'];
  it('replace, Ctrl/Cmd toggles, Shift selects the range from the anchor in display order, Ctrl+Shift adds it', () => {
    let s = select(EMPTY_SELECTION, 'b2', gestureOf({ shiftKey: false, ctrlKey: false, metaKey: false }), visible);
    expect([...s.ids]).toEqual(['b2']);
    s = select(s, 'd4', gestureOf({ shiftKey: true, ctrlKey: false, metaKey: false }), visible);
    expect([...s.ids].sort()).toEqual(['b2', 'c3', 'd4']);
    s = select(s, 'c3', gestureOf({ shiftKey: false, ctrlKey: false, metaKey: true }), visible);
    expect([...s.ids].sort()).toEqual(['b2', 'd4']);
    // The anchor moved to c3: Ctrl+Shift+click on a1 adds a1..c3 to what is selected.
    s = select(s, 'a1', gestureOf({ shiftKey: true, ctrlKey: true, metaKey: false }), visible);
    expect([...s.ids].sort()).toEqual(['a1', 'b2', 'c3', 'd4']);
    // A plain Shift+click selects the range from the anchor (still c3) and nothing else.
    s = select(s, 'b2', 'range', visible);
    expect([...s.ids].sort()).toEqual(['b2', 'c3']);
    s = select(s, 'a1', 'replace', visible);
    expect([...s.ids]).toEqual(['a1']);
  });

  it('a range whose anchor is filtered out starts over; select all takes what is shown; prune drops the deleted', () => {
    const s = select({ ids: new Set(['zz']), anchor: 'zz' }, 'c3', 'range', visible);
    expect([...s.ids]).toEqual(['c3']);
    const everything = selectAll(['c3', 'd4']);
    expect([...everything.ids]).toEqual(['c3', 'd4']);
    const pruned = prune(everything, (id) => id !== 'c3');
    expect([...pruned.ids]).toEqual(['d4']);
    expect(pruned.anchor).toBeNull();
    expect(prune(pruned, () => true)).toBe(pruned);
  });
});
