import type { AuditStatus } from '../../../../shared/domain/audit';
import { exactDateTime } from '../../lib/dates';
import { formatNumber } from '../../lib/numbers';
import { useUi } from '../../stores/ui';
import { useExportPublicKey } from './queries';

/**
 * Who signs this history: the installation's public key fingerprint and the newest signed
 * checkpoint, with the public key to hand to an auditor. Says so when the keychain cannot sign.
 */
export function AuditSigning({ signing }: { signing: AuditStatus['signing'] }) {
  const exportKey = useExportPublicKey();
  const openDialog = useUi((s) => s.openDialog);
  if (!signing) {
    return (
      <p className="audit-signing cell-muted" role="group" aria-label="Signing">
        Not signed now: the keychain cannot hand out the signing key. Entries recorded meanwhile are checked and signed
        at the next start with the keychain unlocked.
      </p>
    );
  }
  return (
    <div className="audit-signing" role="group" aria-label="Signing">
      <span>
        Signed by key <code title={signing.publicKey}>{signing.fingerprint}</code>
      </span>
      <span className="cell-muted">
        {signing.checkpoint
          ? `Last checkpoint: entry ${formatNumber(signing.checkpoint.seq)}, ${exactDateTime(signing.checkpoint.at)}`
          : 'No checkpoint yet'}
      </span>
      <span className="audit-signing-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => exportKey.mutate()}
          disabled={exportKey.isPending}
        >
          Export public key…
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => openDialog({ kind: 'rotate-signing-key' })}
        >
          Rotate key…
        </button>
      </span>
    </div>
  );
}
