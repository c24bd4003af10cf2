import type { AuditEntry } from '../../../../shared/domain/audit';
import { exactDateTime } from '../../lib/dates';

/**
 * The audit entries, newest first; a row opens its entry. With an entry open beside it the table
 * is narrower, so it drops the tenant column (the detail names it) rather than cutting every cell.
 */
export function AuditTable({
  rows,
  selectedId,
  onSelect,
}: {
  rows: AuditEntry[];
  selectedId: string | null;
  onSelect: (entry: AuditEntry) => void;
}) {
  const compact = selectedId !== null;
  return (
    <table className={`table table-audit${compact ? ' table-audit-compact' : ''}`} aria-label="Audit entries">
      <thead>
        <tr>
          <th scope="col">When</th>
          {compact ? null : <th scope="col">Tenant</th>}
          <th scope="col">Action</th>
          <th scope="col">Target</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((entry) => {
          const target = entry.targetName ?? entry.target;
          return (
            <tr
              key={entry.id}
              className="row-clickable"
              aria-selected={selectedId === entry.id}
              tabIndex={0}
              onClick={() => onSelect(entry)}
              onKeyDown={(e) => {
                if (e.key !== 'Enter' && e.key !== ' ') return;
                e.preventDefault();
                onSelect(entry);
              }}
            >
              <td className="cell-muted">{exactDateTime(entry.at)}</td>
              {compact ? null : <td>{entry.tenantName ?? '—'}</td>}
              <td>
                <code>{entry.action}</code>
              </td>
              <td title={entry.targetName && entry.target ? `${entry.targetName} (${entry.target})` : (target ?? '')}>
                {target ?? '—'}
              </td>
              <td title={entry.errorCode ?? undefined}>
                <span className={`pill pill-${entry.outcome}`}>{entry.outcome}</span>
                {entry.errorCode && !compact ? <span className="cell-muted"> {entry.errorCode}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
