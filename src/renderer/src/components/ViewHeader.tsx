import type { ReactNode } from 'react';

/** A full-window view's title row: heading, a one-line summary, its actions and Refresh. */
export function ViewHeader({
  id,
  title,
  subtitle,
  refresh,
  children,
}: {
  /** The heading's id, for the view's aria-labelledby. */
  id: string;
  title: string;
  subtitle: ReactNode;
  refresh: { run: () => void; busy: boolean };
  children?: ReactNode;
}) {
  return (
    <header className="view-header">
      <div>
        <h1 id={id}>{title}</h1>
        <p className="view-subtitle" aria-live="polite">
          {subtitle}
        </p>
      </div>
      <div className="toolbar">
        {children}
        <button type="button" className="button" onClick={refresh.run} disabled={refresh.busy} title="Refresh (F5)">
          {refresh.busy ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </header>
  );
}
