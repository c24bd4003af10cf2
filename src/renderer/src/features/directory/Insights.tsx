import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { useUi } from '../../stores/ui';
import { useActivity } from '../audit/queries';
import { useDirectory } from './queries';
import { useMembersUi } from './store';
import { formatNumber } from '../../lib/numbers';

const TOP_GROUPS = 8;

function Bars({
  items,
  label,
}: {
  items: Array<{ label: string; value: number; tone?: string; onClick?: () => void }>;
  label: string;
}) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul className="bars" aria-label={label}>
      {items.map((item) => (
        <li key={item.label} className="bar-row">
          {item.onClick ? (
            <button type="button" className="link-button bar-label" onClick={item.onClick} title={item.label}>
              {item.label}
            </button>
          ) : (
            <span className="bar-label" title={item.label}>
              {item.label}
            </span>
          )}
          <span className="bar-track" aria-hidden="true">
            <span className={`bar-fill ${item.tone ?? ''}`} style={{ width: `${(item.value / max) * 100}%` }} />
          </span>
          <span className="bar-value">{formatNumber(item.value)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Pictures where a table says less: members by status, the largest groups, changes per day. */
export function Insights({ tenant }: { tenant: TenantView }) {
  const directory = useDirectory(tenant.id);
  const activity = useActivity(tenant.id);
  const setView = useUi((s) => s.setView);
  const setFilters = useMembersUi((s) => s.setFilters);
  const show = (filters: Parameters<typeof setFilters>[0]) => {
    setFilters({ query: '', status: 'all', group: 'any', ...filters });
    setView('members');
  };
  const dir = directory.data;
  const active = dir ? dir.members.reduce((n, m) => n + (m.active ? 1 : 0), 0) : 0;
  const inNoGroup = dir ? dir.members.reduce((n, m) => n + (m.groupIds.length === 0 ? 1 : 0), 0) : 0;
  const largest = dir
    ? dir.groups
        .slice()
        .sort((a, b) => b.memberIds.length - a.memberIds.length)
        .slice(0, TOP_GROUPS)
    : [];
  const days = activity.data?.days ?? [];
  const maxDay = Math.max(1, ...days.map((d) => d.success + d.failure));
  const changes = days.reduce((n, d) => n + d.success + d.failure, 0);

  return (
    <section className="insights" aria-label="Insights">
      <figure className="card">
        <figcaption className="card-title">Members by status</figcaption>
        {directory.isError ? (
          <ErrorText error={directory.error} />
        ) : !dir ? (
          <p className="cell-muted" role="status">
            Loading members…
          </p>
        ) : (
          <Bars
            label="Members by status"
            items={[
              { label: 'Active', value: active, tone: 'bar-ok', onClick: () => show({ status: 'active' }) },
              {
                label: 'Inactive',
                value: dir.members.length - active,
                tone: 'bar-muted',
                onClick: () => show({ status: 'inactive' }),
              },
              { label: 'In no group', value: inNoGroup, tone: 'bar-warn', onClick: () => show({ group: 'none' }) },
            ]}
          />
        )}
      </figure>
      <figure className="card">
        <figcaption className="card-title">
          Members per group{dir && dir.groups.length > TOP_GROUPS ? ` (largest ${TOP_GROUPS})` : ''}
        </figcaption>
        {!dir ? (
          <p className="cell-muted">{directory.isError ? 'Unavailable.' : 'Loading…'}</p>
        ) : largest.length === 0 ? (
          <p className="cell-muted">No groups yet.</p>
        ) : (
          <Bars
            label="Members per group"
            items={largest.map((g) => ({
              label: g.displayName,
              value: g.memberIds.length,
              onClick: () => show({ group: g.id }),
            }))}
          />
        )}
      </figure>
      <figure className="card card-wide">
        <figcaption className="card-title">
          Changes made from this console, last 14 days <span className="cell-muted">({formatNumber(changes)})</span>
        </figcaption>
        <div className="columns-chart" role="img" aria-label={`${changes} changes in the last 14 days`}>
          {days.map((d) => (
            <div key={d.day} className="column" title={`${d.day}: ${d.success} succeeded, ${d.failure} failed`}>
              <div className="column-stack">
                <span className="column-fail" style={{ height: `${(d.failure / maxDay) * 100}%` }} />
                <span className="column-ok" style={{ height: `${(d.success / maxDay) * 100}%` }} />
              </div>
              <span className="column-label">{d.day.slice(8)}</span>
            </div>
          ))}
        </div>
      </figure>
    </section>
  );
}
