import { ApiError } from '../lib/api';

/** An inline error under a form: the message a person can act on, and the code for support. */
export function ErrorText({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  return (
    <p className="form-error" role="alert">
      {message}
      {error instanceof ApiError ? <span className="form-error-code"> ({error.code})</span> : null}
    </p>
  );
}
