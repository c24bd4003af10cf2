/** The typed confirmation a drastic plan asks for (its reasons, then "Type <phrase> to confirm"); nothing when it asks none. */
export function TypedConfirmation({
  safeguard,
  value,
  onChange,
}: {
  safeguard: { required: boolean; reasons: readonly string[]; phrase: string | null };
  value: string;
  onChange: (value: string) => void;
}) {
  if (!safeguard.required) return null;
  return (
    <div className="form">
      <p className="form-error" role="alert">
        {safeguard.reasons.join('; ')}.
      </p>
      <label className="field">
        <span className="field-label">
          Type <strong>{safeguard.phrase}</strong> to confirm
        </span>
        <input aria-label="Confirmation" value={value} onChange={(e) => onChange(e.target.value)} />
      </label>
    </div>
  );
}

/** Whether what was typed is the phrase (ignoring case and spaces around it), or none is asked. */
export const typedConfirms = (safeguard: { required: boolean; phrase: string | null }, typed: string) =>
  !safeguard.required || typed.trim().toLowerCase() === safeguard.phrase;
