import { Dialog, DialogActions } from '../../components/Dialog';
import { ErrorText } from '../../components/ErrorText';
import { useRotateSigningKey } from './queries';

/** Confirms a new signing key: what changes for auditors, and that the old key endorses the new one. */
export function RotateSigningKeyDialog({ onClose }: { onClose: () => void }) {
  const rotate = useRotateSigningKey();
  return (
    <Dialog
      title="Rotate the signing key?"
      onClose={onClose}
      description="A new key signs everything from now on; the old one endorses it in an entry of the history, so the chain of keys can be checked. Evidence signed before stays checkable with the old public key. Hand the new public key to your auditors."
      footer={
        <DialogActions
          onCancel={onClose}
          label={rotate.isPending ? 'Rotating…' : 'Rotate key'}
          disabled={rotate.isPending}
          onClick={() => rotate.mutate(undefined, { onSuccess: onClose })}
        />
      }
    >
      <ErrorText error={rotate.error} />
    </Dialog>
  );
}
