import type { ReactNode } from 'react';

/** The panel beside a list: a titled landmark ("Member detail", "Group detail") with a close button. */
export function DetailPanel({
  label,
  title,
  subtitle,
  onClose,
  className = 'detail',
  children,
}: {
  label: string;
  title: string;
  subtitle: ReactNode;
  onClose: () => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <aside className={className} aria-label={label}>
      <header className="detail-header">
        <div className="detail-title">
          <h2>{title}</h2>
          <div className="cell-sub">{subtitle}</div>
        </div>
        <button
          type="button"
          className="button button-ghost button-small"
          aria-label={`Close ${label.toLowerCase()}`}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}
