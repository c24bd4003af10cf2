import { useCallback, useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';

/** The members grid's fixed row height, in CSS pixels. */
export const ROW_HEIGHT = 36;
/** Rows rendered above and below the visible ones, so a fast scroll does not show blanks. */
const OVERSCAN = 8;

/**
 * Virtual scrolling for a list of `count` fixed-height rows: which rows to render (first to last),
 * the viewport's height, the scrollbar's width (so a header can line up), and a way to bring a row
 * into view. A new `resetKey` (the search) scrolls back to the top.
 */
export function useVirtualRows(count: number, resetKey: unknown) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [gutter, setGutter] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      setHeight(el.clientHeight);
      // The header leaves room for the body's scrollbar (0 where scrollbars overlay), so columns line up.
      setGutter(el.offsetWidth - el.clientWidth);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);

  // A new search starts at the top, as every list does. Writing scrollTop makes the browser lay the
  // page out there and then, inside the keystroke: only done when the list is not at the top already.
  const scrolled = useRef(0);
  useEffect(() => {
    // The scroll event that follows brings scrollTop state back to 0.
    if (scroller.current && scrolled.current !== 0) scroller.current.scrollTop = 0;
  }, [resetKey]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  const scrollIntoView = useCallback((index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = index * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, []);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    scrolled.current = event.currentTarget.scrollTop;
    setScrollTop(event.currentTarget.scrollTop);
  }, []);
  return { scroller, first, last, height, gutter, scrollIntoView, onScroll };
}
