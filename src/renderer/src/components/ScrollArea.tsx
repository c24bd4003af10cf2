import type { ReactNode } from 'react';

/**
 * A box that scrolls on its own, reachable by Tab so a keyboard can scroll it (WCAG 2.1.1), and
 * named so a screen reader says what it holds.
 */
export function ScrollArea({
  label,
  children,
  className = 'table-scroll',
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
