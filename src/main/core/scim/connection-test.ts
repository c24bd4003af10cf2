import type { CapabilityProfile, ConnectionReport, ConnectionStep } from '../../../shared/domain/scim';
import { ScimError } from './errors';
import type { Quirks } from './pagination';
import { parseListPage } from './resources';
import type { Transport } from './transport';
import { isLoopbackUrl } from './url';

interface Deps {
  transport: Transport;
  probe: () => Promise<CapabilityProfile>;
  noteQuirks: (quirks: Partial<Quirks>) => void;
  profile: () => CapabilityProfile;
}

const LABELS: Record<ConnectionStep['id'], string> = {
  url: 'Base URL',
  reachable: 'Server reachable',
  tls: 'Secure connection (TLS)',
  auth: 'Token accepted',
  scim: 'Speaks SCIM 2.0',
  capabilities: 'Capabilities',
  latency: 'Latency',
};

function describeAdvertised(profile: CapabilityProfile): string {
  const a = profile.advertised;
  if (!a) return 'The server does not publish /ServiceProviderConfig; the console will learn its behaviour as it goes.';
  const parts = [
    a.patch ? 'PATCH' : 'no PATCH',
    a.filter ? `filters${a.filterMaxResults ? ` (up to ${a.filterMaxResults} results)` : ''}` : 'no filters',
    a.etag ? 'ETags' : 'no ETags',
    a.bulk ? 'bulk (not used)' : 'no bulk',
  ];
  return `Advertises ${parts.join(', ')}.`;
}

/**
 * The read-only connection test: /ServiceProviderConfig, then GET /Users?startIndex=1&count=1.
 * Each step says what it found; nothing is ever written.
 */
export async function runConnectionTest(deps: Deps): Promise<ConnectionReport> {
  const steps: ConnectionStep[] = [];
  const step = (id: ConnectionStep['id'], status: ConnectionStep['status'], detail: string, ms: number | null = null) =>
    steps.push({ id, label: LABELS[id], status, detail, ms });
  const loopback = isLoopbackUrl(deps.transport.baseUrl);
  step('url', 'ok', deps.transport.baseUrl);

  let profile: CapabilityProfile;
  let probeMs: number;
  try {
    const started = performance.now();
    profile = await deps.probe();
    probeMs = performance.now() - started;
  } catch (error) {
    const e = error instanceof ScimError ? error : null;
    if (e?.code === 'SCIM_NETWORK' && /TLS|certificate/i.test(e.message)) {
      step('reachable', 'ok', 'The server answered the connection.');
      step('tls', 'fail', e.message);
    } else {
      step(
        'reachable',
        'fail',
        e ? `${e.message}${e.detail ? ` (${e.detail})` : ''}` : 'The server could not be reached.',
      );
      step('tls', 'skipped', 'Not checked: the server was not reached.');
    }
    for (const id of ['auth', 'scim', 'capabilities', 'latency'] as const)
      step(id, 'skipped', 'Not checked: an earlier step failed.');
    return { ok: false, steps, capabilities: deps.profile(), latencyMs: null, totalMembers: null };
  }
  step('reachable', 'ok', 'The server answered.', Math.round(probeMs));
  step(
    'tls',
    loopback && deps.transport.baseUrl.startsWith('http:') ? 'skipped' : 'ok',
    loopback && deps.transport.baseUrl.startsWith('http:')
      ? 'Plain http, allowed only for this computer (loopback).'
      : 'The certificate was accepted.',
  );

  let usersMs: number;
  let total: number | null;
  try {
    const started = performance.now();
    const response = await deps.transport.request({
      method: 'GET',
      path: '/Users',
      query: { startIndex: 1, count: 1 },
    });
    usersMs = performance.now() - started;
    step('auth', 'ok', 'The token was accepted for reading members.');
    const page = parseListPage(response.body);
    total = page.totalResults;
    if (page.resources.length > 1) deps.noteQuirks({ ignoresCount: true });
    if (response.numbersAsStrings) deps.noteQuirks({ numbersAsStrings: true });
    step(
      'scim',
      'ok',
      total === null
        ? 'Answered a SCIM list (no total given).'
        : `Answered a SCIM list: ${total} member${total === 1 ? '' : 's'}.`,
    );
  } catch (error) {
    const e = error instanceof ScimError ? error : null;
    const auth = e?.code === 'SCIM_UNAUTHORIZED' || e?.code === 'SCIM_FORBIDDEN';
    // An answer that is not SCIM (a proxy's HTML login page) says nothing about the token.
    const notScim = e?.code === 'SCIM_INVALID_RESPONSE';
    step(
      'auth',
      auth ? 'fail' : notScim ? 'skipped' : 'fail',
      notScim
        ? 'Not known: the server did not answer as SCIM, so the token was not checked.'
        : e
          ? `${e.message}${e.detail ? ` (${e.detail})` : ''}`
          : 'The request failed.',
    );
    step(
      'scim',
      auth ? 'skipped' : 'fail',
      auth ? 'Not checked: the token was refused.' : (e?.message ?? 'Not a SCIM answer.'),
    );
    step('capabilities', 'skipped', 'Not checked: an earlier step failed.');
    step('latency', 'skipped', 'Not checked: an earlier step failed.');
    return { ok: false, steps, capabilities: deps.profile(), latencyMs: null, totalMembers: null };
  }

  step('capabilities', profile.advertised ? 'ok' : 'warn', describeAdvertised(deps.profile()));
  const latency = Math.round(Math.max(probeMs, usersMs));
  step(
    'latency',
    latency > 2000 ? 'warn' : 'ok',
    latency > 2000
      ? 'Slow: per request, the slower of the two checks. Large listings will take a while.'
      : 'Per request, the slower of the two checks.',
    latency,
  );
  return { ok: true, steps, capabilities: deps.profile(), latencyMs: latency, totalMembers: total };
}
