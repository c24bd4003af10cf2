import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog> element: focus stays inside, Escape closes, the page behind is
 * inert. `onClose` runs however it closes.
 */
export function Dialog({
  title,
  description,
  onClose,
  children,
  footer,
  wide = false,
}: {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        {description ? (
          <div id={descriptionId} className="dialog-description">
            {description}
          </div>
        ) : null}
      </header>
      <div className="dialog-body">{children}</div>
      <footer className="dialog-footer">{footer}</footer>
    </dialog>
  );
}

/**
 * The usual footer: Cancel, then the one action the dialog is for. With `form` the action submits
 * that form (Enter in a field does the same); otherwise it runs `onClick`.
 */
export function DialogActions({
  onCancel,
  label,
  tone = 'primary',
  disabled = false,
  form,
  onClick,
  autoFocus = false,
  note,
  children,
}: {
  onCancel: () => void;
  label: ReactNode;
  tone?: 'primary' | 'danger' | 'plain';
  disabled?: boolean;
  form?: string;
  onClick?: () => void;
  autoFocus?: boolean;
  /** Shown at the left of the footer (a count, a hint). */
  note?: ReactNode;
  /** Further buttons between Cancel and the action (Test connection). */
  children?: ReactNode;
}) {
  return (
    <>
      {note ? <span className="dialog-footer-note">{note}</span> : null}
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
      {children}
      <button
        type={form ? 'submit' : 'button'}
        form={form}
        className={tone === 'plain' ? 'button' : `button button-${tone}`}
        disabled={disabled}
        autoFocus={autoFocus}
        onClick={onClick}
      >
        {label}
      </button>
    </>
  );
}
