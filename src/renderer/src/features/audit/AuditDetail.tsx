import type { AuditEntry } from '../../../../shared/domain/audit';
import { useUi } from '../../stores/ui';
import { useTenants } from '../tenants/queries';

/** Single actions the console can take back (members (de)activated, created, deleted; group memberships). */
const UNDOABLE = new Set([
  'member.deactivate',
  'member.reactivate',
  'member.create',
  'member.delete',
  'group.addMembers',
  'group.removeMember',
  'group.removeMembers',
]);

/** One audit entry in full: who, when, where, how it ended, its hash, and the request and result recorded. */
export function AuditDetail({ entry, onClose }: { entry: AuditEntry; onClose: () => void }) {
  const facts: Array<[string, string]> = [
    ['When', entry.at],
    ['Finished', entry.finishedAt ?? (entry.outcome === 'unknown' ? 'never recorded (interrupted)' : '—')],
    ['Actor', entry.actor],
    [
      'Target',
      entry.targetName && entry.target
        ? `${entry.targetName} (${entry.target})`
        : (entry.targetName ?? entry.target ?? '—'),
    ],
    ['Tenant', entry.tenantName ? `${entry.tenantName}${entry.tenantUrl ? ` (${entry.tenantUrl})` : ''}` : '—'],
    [
      'Outcome',
      `${entry.outcome}${entry.httpStatus ? ` · HTTP ${entry.httpStatus}` : ''}${entry.errorCode ? ` · ${entry.errorCode}` : ''}`,
    ],
    ['Duration', entry.durationMs === null ? '—' : `${entry.durationMs} ms`],
    ['Correlation id', entry.correlationId],
    ['Job', entry.jobId ?? '—'],
    ['App version', entry.appVersion],
    ['Hash', entry.hash],
  ];
  return (
    <aside className="detail" aria-label="Audit entry detail">
      <header className="detail-header">
        <h2>
          <code>{entry.action}</code>
        </h2>
        <button type="button" className="button button-small button-ghost" onClick={onClose} aria-label="Close detail">
          Close
        </button>
      </header>
      <dl className="detail-facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <UndoEntry entry={entry} />
      <h3>Request</h3>
      <pre className="json" aria-label="Request JSON" tabIndex={0}>
        {JSON.stringify(entry.request, null, 2)}
      </pre>
      <h3>Result</h3>
      <pre className="json" aria-label="Result JSON" tabIndex={0}>
        {JSON.stringify(entry.detail, null, 2)}
      </pre>
    </aside>
  );
}

/** "Undo this change…" for a single action that can be taken back, on the tenant it was made on. */
function UndoEntry({ entry }: { entry: AuditEntry }) {
  const tenants = useTenants();
  const startUndo = useUi((s) => s.startUndo);
  if (!UNDOABLE.has(entry.action) || entry.outcome !== 'success' || !entry.tenantId) return null;
  const open = tenants.data?.activeId === entry.tenantId;
  return (
    <div className="toolbar detail-actions">
      {open ? (
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            startUndo({
              tenantId: entry.tenantId!,
              kind: 'entry',
              id: entry.id,
              label: `${entry.action} of ${entry.target ?? 'a member'}`,
              from: 'audit',
            })
          }
        >
          Undo this change…
        </button>
      ) : (
        <p className="cell-muted">Open {entry.tenantName ?? 'its tenant'} to undo this change.</p>
      )}
    </div>
  );
}
