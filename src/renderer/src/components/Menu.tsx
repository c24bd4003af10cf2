import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A menu button: the button says what it does (its accessible name), the menu opens below it,
 * Escape or a click elsewhere closes it, and picking an item closes it too.
 */
export function Menu({
  label,
  buttonText,
  children,
  role = 'menu',
}: {
  label: string;
  buttonText: string;
  children: (close: () => void) => ReactNode;
  /** `group` for a menu of checkboxes (a column chooser) rather than commands. */
  role?: 'menu' | 'group';
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  return (
    <div className="menu" ref={root}>
      <button
        type="button"
        className="button menu-button"
        aria-label={label}
        aria-haspopup={role === 'menu' ? 'menu' : 'true'}
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {buttonText}
      </button>
      {open ? (
        <div id={id} className="menu-list" role={role} aria-label={label}>
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  );
}
