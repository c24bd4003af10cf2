import type { TenantView } from '../../../../shared/domain/tenant';
import { ErrorText } from '../../components/ErrorText';
import { useUi } from '../../stores/ui';
import { ConnectionSteps } from './ConnectionSteps';
import { displayUrl, tokenSummary, when } from './format';
import { useTestTenant } from './queries';

const QUIRKS: Array<[keyof TenantView['capabilities']['quirks'], string]> = [
  ['ignoresCount', 'ignores count'],
  ['ignoresStartIndex', 'ignores startIndex'],
  ['numbersAsStrings', 'sends numbers as strings'],
  ['patch204', 'answers PATCH with 204'],
  ['noPagination', 'returns everything at once'],
  ['pathlessActivePatch', 'needs path-less PATCH for active'],
  ['caseExactUserNameFilter', 'compares userName case-exactly in filters'],
];

const MEMBERSHIP_READS = {
  userGroups: "checks group changes through the members' own groups",
  groupMembers: "checks group changes through the group's members alone",
  group: 'checks group changes by reading the whole group',
} as const;

/** The open tenant: where it is, its token, what its server can do, and a read-only test. */
export function OverviewView({ tenant }: { tenant: TenantView }) {
  const test = useTestTenant();
  const openDialog = useUi((s) => s.openDialog);
  const caps = tenant.capabilities;
  const quirks = [
    ...(caps.quirks.pageSizeCap ? [`caps pages at ${caps.quirks.pageSizeCap}`] : []),
    ...QUIRKS.filter(([key]) => caps.quirks[key]).map(([, label]) => label),
    ...(caps.quirks.groupPatchMax ? [`takes at most ${caps.quirks.groupPatchMax} members per group PATCH`] : []),
    ...(caps.quirks.membershipRead ? [MEMBERSHIP_READS[caps.quirks.membershipRead]] : []),
  ];
  // Only a probe that ran and found nothing may say "not advertised".
  const advertised =
    test.data && !test.data.ok
      ? 'unknown: the test failed'
      : caps.probedAt === null
        ? 'not tested yet (Test connection reads it)'
        : caps.advertised
          ? [
              caps.advertised.patch ? 'PATCH' : null,
              caps.advertised.filter
                ? `filters${caps.advertised.filterMaxResults ? ` (max ${caps.advertised.filterMaxResults})` : ''}`
                : null,
              caps.advertised.etag ? 'ETags' : null,
              caps.advertised.bulk ? 'bulk (unused)' : null,
            ]
              .filter(Boolean)
              .join(', ') || 'nothing'
          : 'not advertised (no /ServiceProviderConfig)';
  const rows: Array<[string, string]> = [
    ['SCIM base URL', displayUrl(tenant)],
    ['Token', tokenSummary(tenant)],
    [
      'Access',
      tenant.effectiveReadOnly
        ? tenant.readOnly
          ? 'Read-only profile'
          : 'Read-only for this session'
        : 'Read and write',
    ],
    ['Last successful test', when(tenant.lastTestedAt)],
    ['Server advertises', advertised],
    ['Observed quirks', quirks.length ? quirks.join(', ') : 'none yet'],
  ];
  return (
    <section className="panel" aria-labelledby="overview-title">
      <header className="panel-header panel-header-row">
        <div>
          <h1 id="overview-title">{tenant.name}</h1>
          <p className="panel-subtitle">
            {tenant.kind === 'sandbox'
              ? 'The built-in Sandbox: an InVision-shaped SCIM server with demo members, running on this computer.'
              : 'An InVision (or any SCIM 2.0) tenant.'}
          </p>
        </div>
        <div className="toolbar">
          {tenant.kind === 'scim' ? (
            <button
              type="button"
              className="button"
              onClick={() => openDialog({ kind: 'rotate-token', tenantId: tenant.id })}
            >
              Rotate token
            </button>
          ) : null}
          <button
            type="button"
            className="button button-primary"
            onClick={() => test.mutate({ tenantId: tenant.id })}
            disabled={test.isPending}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
        </div>
      </header>
      <dl className="facts" aria-label="Tenant details">
        {rows.map(([label, value]) => (
          <div className="fact" key={label}>
            <dt>{label}</dt>
            <dd>
              <span className="fact-value" title={value}>
                {value}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <ErrorText error={test.error} />
      {test.data ? <ConnectionSteps report={test.data} /> : null}
    </section>
  );
}
