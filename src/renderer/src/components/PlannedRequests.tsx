import { useState, type ReactNode } from 'react';
import { formatNumber } from '../lib/numbers';

export interface PlannedRequestItem {
  /** The file rows that asked for it (an import); empty or absent otherwise. */
  rows?: readonly number[];
  description: string;
  request: { method: string; path: string; body?: unknown };
}

/** "Row 4: ", "Rows 2-101: " (a batch of consecutive rows), "Rows 2, 5 and 8 others: ", or nothing. */
function rowsLabel(rows: readonly number[]): string {
  if (rows.length === 0) return '';
  if (rows.length === 1) return `Row ${rows[0]}: `;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  if (last - first === rows.length - 1) return `Rows ${first}-${last}: `;
  return `Rows ${first}, ${rows[1]} and ${formatNumber(rows.length - 2)} more: `;
}

/** A dry run's write requests as they will be sent, with a note when only the first are shown. */
export function PlannedRequests({
  label,
  requests,
  total,
  more,
}: {
  label: string;
  requests: readonly PlannedRequestItem[];
  total: number;
  /** Where the rest are, when only the first are listed. */
  more: string;
}) {
  return (
    <ol className="plain-list" aria-label={label}>
      {requests.map((r, i) => (
        <li key={i}>
          <span>
            {rowsLabel(r.rows ?? [])}
            {r.description}
          </span>
          <pre className="request-block">
            {r.request.method} {r.request.path}
            {r.request.body === undefined ? '' : `\n${JSON.stringify(r.request.body, null, 2)}`}
          </pre>
        </li>
      ))}
      {total > requests.length ? (
        <li className="cell-muted">
          … and {formatNumber(total - requests.length)} more ({more}).
        </li>
      ) : null}
    </ol>
  );
}

/** A dry run's toolbar (Show the N requests, and whatever else the card offers) and, when shown, the requests. */
export function DryRunRequests({
  label,
  requests,
  total,
  more,
  children,
}: {
  label: string;
  requests: readonly PlannedRequestItem[];
  total: number;
  more: string;
  /** More buttons for the toolbar (Export plan). */
  children?: ReactNode;
}) {
  const [shown, setShown] = useState(false);
  return (
    <>
      <div className="toolbar">
        <button
          type="button"
          className="button button-small"
          aria-expanded={shown}
          onClick={() => setShown(!shown)}
          disabled={total === 0}
        >
          {shown ? 'Hide the requests' : `Show the ${formatNumber(total)} requests`}
        </button>
        {children}
      </div>
      {shown ? <PlannedRequests label={label} requests={requests} total={total} more={more} /> : null}
    </>
  );
}
