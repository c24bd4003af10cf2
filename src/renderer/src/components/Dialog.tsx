import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Where focus goes when what had it before a dialog is gone: the main content. */
export function focusMain(): void {
  document.getElementById('content')?.focus();
}

/**
 * A modal on the native <dialog> element: focus stays inside, Escape closes (in a search box, once
 * the box is empty), the page behind is inert, and focus goes back where it was when it closes.
 * `onClose` runs however it closes.
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
  /** Set while Escape clears a search box, so the dialog does not close with it. */
  const clearing = useRef(false);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const dialog = ref.current;
    // What had focus before (a button, a row); it gets it back, or the main content if it is gone.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // After React has removed the dialog, so the opener is no longer inert.
      setTimeout(() => {
        if (opener && opener.isConnected && opener !== document.body) opener.focus();
        else focusMain();
      });
    };
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
        if (clearing.current) clearing.current = false;
        else onClose();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // A box with text clears first; an empty one (or anything else) closes the dialog.
        const target = event.target as HTMLElement;
        if (target instanceof HTMLInputElement && target.type === 'search' && target.value !== '') {
          clearing.current = true;
          setTimeout(() => (clearing.current = false));
          return;
        }
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
