import { useDeferredValue, useState } from 'react';
import type { AuditFilter, AuditOutcome } from '../../../../shared/domain/audit';

export const OUTCOMES: AuditOutcome[] = ['success', 'failure', 'unknown', 'reconciled', 'info'];

function dayStart(date: string): string | undefined {
  return date ? new Date(`${date}T00:00:00`).toISOString() : undefined;
}
function dayEnd(date: string): string | undefined {
  return date ? new Date(`${date}T23:59:59.999`).toISOString() : undefined;
}

/**
 * The audit history's seven filters as the admin sets them (dates as the day inputs give them,
 * the target text deferred while typing), and the filter main is asked with: only what is set,
 * dates as the start and end of those days in local time.
 */
export function useAuditFilters() {
  const [tenantId, setTenantId] = useState('');
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const filter: AuditFilter = Object.fromEntries(
    Object.entries({
      tenantId,
      action,
      outcome,
      actor,
      from: dayStart(from),
      to: dayEnd(to),
      text: deferredText.trim(),
    }).filter(([, v]) => v),
  );
  return {
    filter,
    tenantId,
    setTenantId,
    action,
    setAction,
    outcome,
    setOutcome,
    actor,
    setActor,
    from,
    setFrom,
    to,
    setTo,
    text,
    setText,
  };
}

export type AuditFiltersState = ReturnType<typeof useAuditFilters>;
