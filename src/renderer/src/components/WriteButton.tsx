import type { ReactNode } from 'react';

export const READ_ONLY_REASON =
  'Read-only: this tenant is open read-only, so the console refuses changes to it. Reopen it with write access from the banner or the Tenants list.';

/**
 * A button that changes the tenant. On a read-only tenant it stays visible but disabled, and its
 * tooltip and accessible description say why (main refuses the write anyway).
 */
export function WriteButton({
  readOnly,
  className,
  onClick,
  children,
  disabled = false,
  label,
}: {
  readOnly: boolean;
  className: string;
  onClick: () => void;
  children: ReactNode;
  disabled?: boolean;
  label?: string;
}) {
  return (
    <button
      type="button"
      className={className}
      disabled={readOnly || disabled}
      title={readOnly ? READ_ONLY_REASON : undefined}
      aria-label={label}
      aria-description={readOnly ? READ_ONLY_REASON : undefined}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
