import { OUTCOMES, type AuditFiltersState } from './useAuditFilters';
import { useAuditFacets } from './queries';

/** The filter row of the audit history: tenant, action, outcome and actor (from what was recorded), dates, target text. */
export function AuditFilters({ filters }: { filters: AuditFiltersState }) {
  const facets = useAuditFacets();
  return (
    <div className="filters" role="search" aria-label="Filter the audit history">
      <label className="filter">
        <span>Tenant</span>
        <select value={filters.tenantId} onChange={(e) => filters.setTenantId(e.target.value)}>
          <option value="">All</option>
          {facets.data?.tenants.map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Action</span>
        <select value={filters.action} onChange={(e) => filters.setAction(e.target.value)}>
          <option value="">All</option>
          {facets.data?.actions.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Outcome</span>
        <select value={filters.outcome} onChange={(e) => filters.setOutcome(e.target.value)}>
          <option value="">All</option>
          {OUTCOMES.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>Actor</span>
        <select value={filters.actor} onChange={(e) => filters.setActor(e.target.value)}>
          <option value="">All</option>
          {facets.data?.actors.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label className="filter">
        <span>From</span>
        <input type="date" value={filters.from} onChange={(e) => filters.setFrom(e.target.value)} />
      </label>
      <label className="filter">
        <span>To</span>
        <input type="date" value={filters.to} onChange={(e) => filters.setTo(e.target.value)} />
      </label>
      <label className="filter filter-grow">
        <span>Target contains</span>
        <input
          type="search"
          value={filters.text}
          onChange={(e) => filters.setText(e.target.value)}
          placeholder="email, id or group"
        />
      </label>
    </div>
  );
}
