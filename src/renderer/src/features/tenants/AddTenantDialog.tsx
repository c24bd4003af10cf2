import { useState } from 'react';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { ConnectionSteps } from './ConnectionSteps';
import { TokenField } from './TokenField';
import { useAddTenant, useTestDraft } from './queries';

/**
 * Name, SCIM base URL and token. The token field is write-only: once saved it is never shown
 * again, only its fingerprint. A read-only connection test runs before anything is saved.
 */
export function AddTenantDialog({ onClose, onAdded }: { onClose: () => void; onAdded: (id: string) => void }) {
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const [readOnly, setReadOnly] = useState(false);
  const test = useTestDraft();
  const add = useAddTenant();
  const report = add.data?.report ?? test.data;
  const busy = test.isPending || add.isPending;
  const complete = name.trim() !== '' && baseUrl.trim() !== '' && token.trim() !== '';
  /** Any edit makes the last test's results about something else: they go. */
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      test.reset();
      add.reset();
    };

  return (
    <Dialog
      title="Add tenant"
      description="Paste the SCIM base URL and bearer token from InVision's admin settings. The token goes to the OS keychain and is never shown again."
      onClose={onClose}
      wide
      footer={
        <DialogActions
          onCancel={onClose}
          label={add.isPending ? 'Testing and saving…' : 'Test and save'}
          form="add-tenant-form"
          disabled={!complete || busy}
        >
          <button
            type="button"
            className="button"
            disabled={!complete || busy}
            onClick={() => {
              add.reset();
              test.mutate({ baseUrl, token });
            }}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
        </DialogActions>
      }
    >
      <form
        id="add-tenant-form"
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          test.reset();
          add.mutate(
            { name, baseUrl, token, readOnly },
            {
              onSuccess: (result) => {
                if (result.tenant) {
                  setToken('');
                  onAdded(result.tenant.id);
                }
              },
            },
          );
        }}
      >
        <label className="field">
          <span className="field-label">Name</span>
          <input
            value={name}
            onChange={(e) => edited(setName)(e.target.value)}
            placeholder="Acme Design (production)"
            maxLength={120}
            autoFocus
            required
          />
        </label>
        <label className="field">
          <span className="field-label">SCIM base URL</span>
          <input
            value={baseUrl}
            onChange={(e) => edited(setBaseUrl)(e.target.value)}
            placeholder="https://yourteam.invisionapp.com/scim/v2"
            inputMode="url"
            spellCheck={false}
            required
          />
          <span className="field-hint">https is required; plain http only for this computer (localhost).</span>
        </label>
        <TokenField
          label="Bearer token"
          value={token}
          onChange={edited(setToken)}
          hint="Shown once by InVision. Stored only in the OS keychain."
        />
        <label className="checkbox">
          <input type="checkbox" checked={readOnly} onChange={(e) => setReadOnly(e.target.checked)} />
          <span>Read-only profile (for support engineers: every change is refused)</span>
        </label>
      </form>
      <ErrorText error={test.error ?? add.error} />
      {report ? <ConnectionSteps report={report} /> : null}
    </Dialog>
  );
}
