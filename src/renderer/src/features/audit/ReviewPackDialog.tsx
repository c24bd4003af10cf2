import { useState } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { TaskProgressBar } from '../../components/ProgressBar';
import { formatNumber } from '../../lib/numbers';
import { useOwnTask } from '../tasks/queries';
import { useReviewPack } from './queries';

/** A day as a date input gives it, in local time. */
function day(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The access-review pack: a tenant and a period; main reads the roster fresh, collects the changes
 * and leavers, and writes them with a summary page and a signed manifest into a new folder.
 */
export function ReviewPackDialog({
  tenants,
  activeId,
  onClose,
}: {
  tenants: TenantView[];
  activeId: string | null;
  onClose: () => void;
}) {
  const today = new Date();
  const [tenantId, setTenantId] = useState(activeId ?? tenants[0]?.id ?? '');
  const [from, setFrom] = useState(day(new Date(today.getFullYear(), today.getMonth() - 3, today.getDate())));
  const [to, setTo] = useState(day(today));
  const own = useOwnTask('pack');
  const pack = useReviewPack();
  const valid = tenantId !== '' && from !== '' && to !== '' && from <= to;
  const built = pack.data?.path ? pack.data : null;
  const build = () => {
    own.begin('Reading the roster');
    pack.mutate({ tenantId, from, to, taskId: own.taskId }, { onSettled: () => own.end() });
  };
  return (
    <Dialog
      title="Access-review pack"
      onClose={onClose}
      description="For an auditor: the roster read fresh from the tenant, every change the console made in the period, the leavers with when their access was removed, and a summary page, signed with this installation's key. The pack is refused if the roster cannot be read whole."
      footer={
        built ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <DialogActions
            onCancel={onClose}
            label={pack.isPending ? 'Building…' : 'Build pack…'}
            disabled={!valid || pack.isPending}
            onClick={build}
          />
        )
      }
    >
      <div className="form">
        <label className="field">
          <span className="field-label">Tenant</span>
          <select value={tenantId} onChange={(e) => setTenantId(e.target.value)} disabled={pack.isPending}>
            {tenants.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <div className="field-pair">
          <label className="field">
            <span className="field-label">From</span>
            <input type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">To</span>
            <input type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        {from > to ? <p className="form-error">The period must start on or before its end.</p> : null}
        <TaskProgressBar task={own.task} when={pack.isPending} />
        {built ? (
          <p className="form-success" role="status">
            Wrote the pack to {built.path}: {formatNumber(built.members)} members, {formatNumber(built.changes)} change
            {built.changes === 1 ? '' : 's'}, {formatNumber(built.leavers)} leaver{built.leavers === 1 ? '' : 's'},{' '}
            {built.signed ? 'signed' : 'NOT signed (the keychain could not hand out the key)'}.
          </p>
        ) : null}
      </div>
      <ErrorText error={pack.error} />
    </Dialog>
  );
}
