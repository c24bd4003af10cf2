import { useState } from 'react';
import type { TenantView } from '../../../../shared/domain/tenant';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { ConnectionSteps } from './ConnectionSteps';
import { TokenField } from './TokenField';
import { useRotateToken } from './queries';

/** Tests the new token first; the old one stays in the keychain until the new one passes. */
export function RotateTokenDialog({ tenant, onClose }: { tenant: TenantView; onClose: () => void }) {
  const [token, setToken] = useState('');
  const rotate = useRotateToken();
  const done = rotate.data?.tenant ?? null;
  return (
    <Dialog
      title={`Rotate token: ${tenant.name}`}
      wide
      onClose={onClose}
      description={
        <>
          <p>
            Generating a new token in InVision <strong>expires the old one immediately</strong>. If the customer's
            identity provider (Okta, Microsoft Entra ID, OneLogin) uses the same token, its provisioning stops until it
            gets the new one too.
          </p>
          <p>The console tests the new token first and keeps the current one until the test passes.</p>
        </>
      }
      footer={
        done ? (
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        ) : (
          <DialogActions
            onCancel={onClose}
            label={rotate.isPending ? 'Testing…' : 'Test and replace token'}
            form="rotate-form"
            disabled={token.trim() === '' || rotate.isPending}
          />
        )
      }
    >
      {done ? (
        <p className="form-success" role="status">
          Token replaced. New fingerprint: <code>{done.tokenFingerprint}</code>
        </p>
      ) : (
        <form
          id="rotate-form"
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            rotate.mutate({ tenantId: tenant.id, token }, { onSuccess: (r) => r.tenant && setToken('') });
          }}
        >
          <TokenField
            label="New bearer token"
            value={token}
            onChange={setToken}
            hint={`Current fingerprint: ${tenant.tokenFingerprint ?? 'none stored'}`}
            autoFocus
          />
        </form>
      )}
      <ErrorText error={rotate.error} />
      {rotate.data?.report ? <ConnectionSteps report={rotate.data.report} /> : null}
    </Dialog>
  );
}
