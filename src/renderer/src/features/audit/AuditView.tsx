import { useState } from 'react';
import type { AuditEntry } from '../../../../shared/domain/audit';
import { Banner } from '../../components/Banner';
import { Dialog } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useUi } from '../../stores/ui';
import { AuditDetail } from './AuditDetail';
import { AuditTable } from './AuditTable';
import { AuditSigning } from './AuditSigning';
import { AuditFilters } from './AuditFilters';
import { useAuditFilters } from './useAuditFilters';
import { useAuditEntries, useAuditStatus, useExportAudit, useStartFreshAudit, useVerifyAudit } from './queries';

/** Every change the console made or tried to make, newest first. */
export function AuditView() {
  const status = useAuditStatus();
  const filters = useAuditFilters();
  const openDialog = useUi((s) => s.openDialog);
  const filter = filters.filter;
  const [selected, setSelected] = useState<AuditEntry | null>(null);
  const [confirmFresh, setConfirmFresh] = useState(false);
  const ready = status.data?.state === 'ready';
  // After a loss what is left stays readable (and checkable); only new entries are refused.
  const readable = ready || status.data?.state === 'lost';
  const entries = useAuditEntries(filter, readable);
  const verify = useVerifyAudit();
  const exportAudit = useExportAudit();
  const startFresh = useStartFreshAudit();
  const rows = entries.data?.pages.flatMap((p) => p.entries) ?? [];
  const filtered = Object.keys(filter).length > 0;

  return (
    <section className="panel panel-wide" aria-labelledby="audit-title">
      <header className="panel-header panel-header-row">
        <div>
          <h1 id="audit-title">Audit history</h1>
          <p className="panel-subtitle">
            Every change the console made or tried to make, kept on this computer in a tamper-evident log.
          </p>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => verify.mutate()}
            disabled={!readable || verify.isPending}
          >
            {verify.isPending ? 'Verifying…' : 'Verify integrity'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => exportAudit.mutate('csv')}
            disabled={!ready || exportAudit.isPending}
          >
            Export CSV…
          </button>
          <button
            type="button"
            className="button"
            onClick={() => exportAudit.mutate('jsonl')}
            disabled={!ready || exportAudit.isPending}
          >
            Export JSONL…
          </button>
          <button
            type="button"
            className="button"
            onClick={() => openDialog({ kind: 'review-pack' })}
            disabled={!readable}
          >
            Access-review pack…
          </button>
        </div>
      </header>
      {status.data && status.data.state !== 'corrupt' ? <AuditSigning signing={status.data.signing} /> : null}

      {status.data?.state === 'corrupt' || status.data?.state === 'lost' ? (
        <Banner
          tone="danger"
          action={
            <button type="button" className="button button-small" onClick={() => setConfirmFresh(true)}>
              Start a new history…
            </button>
          }
        >
          {status.data.message}
        </Banner>
      ) : null}
      {status.data?.message && status.data.state === 'ready' ? (
        <Banner tone="warning">{status.data.message}</Banner>
      ) : null}
      {status.data?.reconciled.length ? (
        <Banner tone="info">
          <strong>
            {status.data.reconciled.length} interrupted action{status.data.reconciled.length === 1 ? ' was' : 's were'}{' '}
            reconciled at start-up:
          </strong>{' '}
          {status.data.reconciled.map((r) => `${r.action} ${r.target ?? ''}: ${r.finding}`).join('; ')}
        </Banner>
      ) : null}
      {verify.data ? (
        <p className={verify.data.ok ? 'form-success' : 'form-error'} role={verify.data.ok ? 'status' : 'alert'}>
          {verify.data.ok ? 'Integrity verified. ' : 'Integrity check failed. '}
          {verify.data.message}
        </p>
      ) : null}
      {exportAudit.data?.path ? (
        <p className="form-success" role="status">
          Exported {exportAudit.data.entries} entries to {exportAudit.data.path}, with a manifest beside it. Check it
          anywhere with npm run audit:verify.
        </p>
      ) : null}
      <ErrorText error={verify.error ?? exportAudit.error ?? entries.error ?? status.error} />

      <AuditFilters filters={filters} />

      <div className={selected ? 'split' : undefined}>
        <div>
          {rows.length === 0 && !entries.isPending ? (
            <div className="state">
              <h2>{filtered ? 'No entries match these filters' : 'Nothing recorded yet'}</h2>
              <p>
                {filtered
                  ? 'Clear a filter to see more.'
                  : 'Changes the console makes to a tenant, and tenant and token events, appear here.'}
              </p>
            </div>
          ) : (
            <AuditTable rows={rows} selectedId={selected?.id ?? null} onSelect={setSelected} />
          )}
          {entries.hasNextPage ? (
            <button
              type="button"
              className="button load-more"
              onClick={() => void entries.fetchNextPage()}
              disabled={entries.isFetchingNextPage}
            >
              {entries.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          ) : null}
        </div>
        {selected ? <AuditDetail entry={selected} onClose={() => setSelected(null)} /> : null}
      </div>

      {confirmFresh ? (
        <Dialog
          title="Start a new audit history?"
          onClose={() => setConfirmFresh(false)}
          description="The unusable file is kept aside, untouched, in the data directory. A new, empty history starts and records from now on."
          footer={
            <>
              <button type="button" className="button" onClick={() => setConfirmFresh(false)}>
                Cancel
              </button>
              <button
                type="button"
                className="button button-danger"
                onClick={() => startFresh.mutate(undefined, { onSuccess: () => setConfirmFresh(false) })}
              >
                Start a new history
              </button>
            </>
          }
        >
          <ErrorText error={startFresh.error} />
        </Dialog>
      ) : null}
    </section>
  );
}
