import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A section heading that takes the focus when it appears (a file was read, a plan was made), so a
 * keyboard or screen-reader user goes on from the new content instead of from the top of the page.
 */
export function FocusHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h2 ref={ref} tabIndex={-1} className={className ? `focus-heading ${className}` : 'focus-heading'}>
      {children}
    </h2>
  );
}
