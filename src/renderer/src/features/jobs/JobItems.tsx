import { useState } from 'react';
import { formatNumber } from '../../lib/numbers';
import { useJobItems } from './queries';

/** A job's steps (all, or the failed ones), each with its state and result; the report has every one. */
export function JobItems({ jobId, failedFirst }: { jobId: string; failedFirst: boolean }) {
  const [filter, setFilter] = useState<'failed' | null>(failedFirst ? 'failed' : null);
  const items = useJobItems(jobId, filter);
  return (
    <div className="job-items">
      <div className="segmented" role="radiogroup" aria-label="Show steps">
        {([null, 'failed'] as const).map((f) => (
          <button
            key={f ?? 'all'}
            type="button"
            role="radio"
            aria-checked={filter === f}
            className="segment"
            onClick={() => setFilter(f)}
          >
            {f === null ? 'All steps' : 'Failed'}
          </button>
        ))}
      </div>
      {items.isPending ? (
        <p role="status">Loading…</p>
      ) : items.isError ? (
        <p className="form-error">{items.error.message}</p>
      ) : items.data.items.length === 0 ? (
        <p className="cell-muted">{filter === 'failed' ? 'Nothing failed.' : 'No steps.'}</p>
      ) : (
        <table className="table job-table" aria-label="Job steps">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Step</th>
              <th scope="col">State</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {items.data.items.map((item) => (
              <tr key={item.seq}>
                <td className="cell-num">{item.seq + 1}</td>
                <td>{item.description}</td>
                <td>
                  <span
                    className={`pill pill-${item.state === 'done' ? 'success' : item.state === 'failed' ? 'failure' : 'inactive'}`}
                  >
                    {item.state === 'in_flight' ? 'in flight' : item.state}
                  </span>
                </td>
                <td
                  className={item.state === 'failed' ? 'text-danger' : 'cell-muted'}
                  title={item.errorMessage ?? item.result ?? ''}
                >
                  {item.errorMessage ?? item.result ?? ''}
                  {item.attempts > 1 ? ` (${item.attempts} attempts)` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items.data && items.data.total > items.data.items.length ? (
        <p className="cell-muted">
          Showing the first {formatNumber(items.data.items.length)} of {formatNumber(items.data.total)}; Export report
          has them all.
        </p>
      ) : null}
    </div>
  );
}
