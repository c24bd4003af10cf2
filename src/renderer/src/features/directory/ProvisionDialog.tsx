import { useMemo, useState } from 'react';
import { EMAIL_PATTERN, memberName } from '../../../../shared/domain/member-text';
import type { ListingDialogProps } from './dialog-props';
import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useProvision } from './mutations';
import { useMembersUi } from './store';

/** Creates one member; warns as the admin types when the listing already has that userName (ignoring case). */
export function ProvisionDialog({ tenant, directory, onClose }: ListingDialogProps) {
  const [userName, setUserName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const provision = useProvision();
  const focusMember = useMembersUi((s) => s.focusMember);
  const email = userName.trim();
  const validEmail = EMAIL_PATTERN.test(email);
  // The same check main makes against the server, first against what is loaded, as the admin types.
  const existing = useMemo(
    () =>
      validEmail ? (directory?.members.find((m) => m.userName.toLowerCase() === email.toLowerCase()) ?? null) : null,
    [directory, email, validEmail],
  );
  const ready = validEmail && givenName.trim() !== '' && familyName.trim() !== '' && !existing;
  return (
    <Dialog
      title="Provision member"
      onClose={onClose}
      description="Creates the member in InVision with the member role. The email is their userName; InVision sends the invitation."
      footer={
        <DialogActions
          onCancel={onClose}
          label={provision.isPending ? 'Provisioning…' : 'Provision'}
          form="provision-form"
          disabled={!ready || provision.isPending}
        />
      }
    >
      <form
        id="provision-form"
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!ready) return;
          provision.mutate(
            { tenantId: tenant.id, userName: email, givenName: givenName.trim(), familyName: familyName.trim() },
            {
              onSuccess: (out) => {
                focusMember(out.member.id);
                onClose();
              },
            },
          );
        }}
      >
        <label className="field">
          <span className="field-label">Email</span>
          <input
            type="email"
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
            autoFocus
            autoComplete="off"
            maxLength={320}
            aria-invalid={userName !== '' && !validEmail}
          />
          {userName !== '' && !validEmail ? (
            <span className="field-hint field-hint-error">Enter an email address, such as ana@example.com.</span>
          ) : null}
          {existing ? (
            <span className="field-hint field-hint-error" role="alert">
              {memberName(existing)} already has this email (userName comparison ignores case).{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  focusMember(existing.id);
                  onClose();
                }}
              >
                Open that member
              </button>
            </span>
          ) : null}
        </label>
        <div className="field-pair">
          <label className="field">
            <span className="field-label">Given name</span>
            <input value={givenName} onChange={(e) => setGivenName(e.target.value)} maxLength={128} />
          </label>
          <label className="field">
            <span className="field-label">Family name</span>
            <input value={familyName} onChange={(e) => setFamilyName(e.target.value)} maxLength={128} />
          </label>
        </div>
      </form>
      <ErrorText error={provision.error} />
    </Dialog>
  );
}
