/** Text for HTML: the five characters that could start markup or break an attribute are escaped. */
function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

export interface SummaryInput {
  tenant: { tenantName: string; tenantUrl: string };
  period: { from: string; to: string };
  readAt: string;
  members: number;
  active: number;
  changes: number;
  leavers: Array<{ member: string; removal: string; at: string }>;
  fingerprint: string | null;
  consoleVersion: string;
}

/**
 * The pack's page for a person: what it holds, the leavers, and how to check it. Static HTML with
 * no script and no remote resource (its own policy forbids both), light or dark as the viewer's
 * system is.
 */
export function summaryPage(s: SummaryInput): string {
  const leavers = s.leavers.length
    ? `<table><thead><tr><th scope="col">Member</th><th scope="col">Removal</th><th scope="col">Access removed at (UTC)</th></tr></thead><tbody>${s.leavers
        .map((l) => `<tr><td>${esc(l.member)}</td><td>${esc(l.removal)}</td><td>${esc(l.at)}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p>No member was deactivated or deleted through the console in this period.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="color-scheme" content="light dark">
<title>Access review: ${esc(s.tenant.tenantName)}, ${esc(s.period.from)} to ${esc(s.period.to)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1.5rem; color: #1d2129; background: #fff; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
.muted { color: #5b6270; } code { font-size: .9em; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1.5rem; }
dt { color: #5b6270; } dd { margin: 0; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #dde1e7; }
@media (prefers-color-scheme: dark) { body { color: #e6e8ec; background: #16181d; } .muted, dt { color: #a3a9b4; } th, td { border-color: #333843; } }
</style>
</head>
<body>
<main>
<h1>Access review: ${esc(s.tenant.tenantName)}</h1>
<p class="muted">${esc(s.tenant.tenantUrl)} · period ${esc(s.period.from)} to ${esc(s.period.to)} (local days)</p>
<dl>
<dt>Roster read</dt><dd>${esc(s.readAt)} (UTC), fresh from the tenant's SCIM API, complete</dd>
<dt>Members</dt><dd>${s.members} (${s.active} active, ${s.members - s.active} inactive): roster.csv</dd>
<dt>Changes in the period</dt><dd>${s.changes} recorded by the console: changes.csv</dd>
<dt>Leavers</dt><dd>${s.leavers.length}: leavers.csv</dd>
<dt>Signed by</dt><dd>${s.fingerprint ? `key <code>${esc(s.fingerprint)}</code>` : '<strong>not signed</strong> (the keychain could not hand out the signing key)'}</dd>
<dt>Made by</dt><dd>InVision SCIM Console ${esc(s.consoleVersion)}</dd>
</dl>
<h2>Leavers</h2>
${leavers}
<h2>How to check this pack</h2>
<p>With Node.js 18 or later and the console's public key (ask the admin for it, and compare its fingerprint with the one above):</p>
<p><code>node evidence-verify.mjs &lt;this folder&gt; --key public-key.pem</code></p>
<p class="muted">It checks the signature of manifest.json, then every file's size, SHA-256 and record count. Any change to any file, including this page, fails the check and names the file.</p>
</main>
</body>
</html>
`;
}
