import type { ReactNode } from 'react';

/** A full-width notice above the content: read-only tenants, unreadable files. */
export function Banner({
  tone,
  children,
  action,
}: {
  tone: 'info' | 'warning' | 'danger';
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <div className="banner-text">{children}</div>
      {action ? <div className="banner-action">{action}</div> : null}
    </div>
  );
}
