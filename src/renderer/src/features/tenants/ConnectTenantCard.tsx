import { useUi } from '../../stores/ui';

/**
 * Shown while only the Sandbox is set up: how to connect one's own InVision Enterprise, with where
 * InVision shows the SCIM URL and token (V7 and V6 differ), and the button that starts.
 */
export function ConnectTenantCard() {
  const openDialog = useUi((s) => s.openDialog);
  return (
    <section className="card connect-card" aria-labelledby="connect-title">
      <h2 id="connect-title" className="card-title">
        Connect your InVision Enterprise
      </h2>
      <p>
        You need its SCIM base URL and an authentication token. An Enterprise owner or admin finds both in InVision:
      </p>
      <ul className="plain-list">
        <li>
          <strong>InVision V7</strong> (a V7 tag by the account menu, top right): the team tray (bottom left), then{' '}
          <em>Settings</em>, then <em>User provisioning with SCIM</em>.
        </li>
        <li>
          <strong>InVision V6</strong>: <em>People</em> (top), the <em>•••</em> menu beside the Teams tab, then{' '}
          <em>SCIM Provisioning</em>.
        </li>
      </ul>
      <p className="cell-muted">
        InVision shows a token once. Generating a new one ends the old one at once, which also stops your identity
        provider (Okta, Entra, OneLogin) if it uses the same token: ask whoever set that up first.
      </p>
      <button type="button" className="button button-primary" onClick={() => openDialog({ kind: 'add-tenant' })}>
        Add your tenant…
      </button>
    </section>
  );
}
