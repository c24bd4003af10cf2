import { useId } from 'react';
import type { ImportFile } from '../../../../shared/domain/jobs';

type Source = NonNullable<ImportFile['source']>;

/** What each source's status values do in the plan (the same words main's parseActive reads). */
const MEANINGS: Record<Source, Array<[string, string]>> = {
  okta: [
    ['ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT, RECOVERY', 'active (a lock-out or a reset is temporary)'],
    ['SUSPENDED, DEPROVISIONED', 'inactive: deactivated, never created'],
    ['STAGED, PROVISIONED', 'not active yet: left as they are, never created'],
  ],
  entra: [
    ['accountEnabled true', 'active'],
    ['accountEnabled false', 'inactive: deactivated, never created'],
  ],
  google: [
    ['Active', 'active'],
    ['Suspended, Archived', 'inactive: deactivated, never created'],
  ],
  console: [
    ['active, true, yes', 'active'],
    ['inactive, false, no', 'inactive: deactivated, never created'],
  ],
};

const NAMES: Record<Source, string> = {
  okta: 'Okta',
  entra: 'Entra ID',
  google: 'Google Workspace',
  console: 'this console',
};

/** Beside the mapping: what the status column's values mean for the file's source. */
export function StatusLegend({ source }: { source: Source | null }) {
  const rows = MEANINGS[source ?? 'console'];
  const id = useId();
  return (
    <div className="status-legend" role="group" aria-labelledby={id}>
      <p className="field-label" id={id}>
        Status values{source ? ` from ${NAMES[source]}` : ''}
      </p>
      <dl>
        {rows.map(([values, meaning]) => (
          <div key={values}>
            <dt>{values}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
        <div>
          <dt className="status-legend-empty">(empty)</dt>
          <dd>no change to the member&rsquo;s state; new members are created active</dd>
        </div>
      </dl>
    </div>
  );
}
