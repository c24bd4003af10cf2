import { TableHead } from '../../components/TableHead';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { exactDateTime } from '../../lib/dates';

const COLUMNS = ['When', 'Tenant', 'Action', 'Target', 'Outcome'];
const COMPACT_COLUMNS = ['When', 'Action', 'Target', 'Outcome'];

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
      <TableHead columns={compact ? COMPACT_COLUMNS : COLUMNS} />
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
