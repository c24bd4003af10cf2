import type { ReactNode } from 'react';

/**
 * The one way the console takes a bearer token: masked, never autocompleted or spell-checked,
 * held only until it is sent to main (the dialogs clear it after a successful save).
 */
export function TokenField({
  label,
  value,
  onChange,
  hint,
  autoFocus = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint: ReactNode;
  autoFocus?: boolean;
}) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="password"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        required
      />
      <span className="field-hint">{hint}</span>
    </label>
  );
}
