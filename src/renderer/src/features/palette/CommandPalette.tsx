import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useUi } from '../../stores/ui';
import { EMAIL_PATTERN } from '../../../../shared/domain/member-text';

export interface Command {
  id: string;
  label: string;
  /** Words that find the command besides its label. */
  keywords?: string;
  shortcut?: string;
  group: string;
  disabled?: string | false;
  run: () => void;
}

/**
 * Ctrl/Cmd+K: every command by name. Type to filter, arrows to move, Enter to run, Escape to
 * close. A combobox over a listbox, so screen readers follow the highlighted command.
 */
export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const ref = useRef<HTMLDialogElement>(null);
  const listId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const shown = useMemo(() => {
    // An email typed here is searched for in every tenant (Find a person), offered first.
    const email = query.trim();
    const find: Command[] = EMAIL_PATTERN.test(email)
      ? [
          {
            id: 'find-person',
            group: 'Find a person',
            label: `Find ${email} in every tenant`,
            run: () => useUi.getState().findPerson(email),
          },
        ]
      : [];
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return [
      ...find,
      ...commands.filter((c) => {
        const text = `${c.label} ${c.keywords ?? ''} ${c.group}`.toLowerCase();
        return words.every((w) => text.includes(w));
      }),
    ];
  }, [commands, query]);
  const current = shown[Math.min(cursor, shown.length - 1)];
  const run = (command: Command | undefined) => {
    if (!command || command.disabled) return;
    onClose();
    command.run();
  };
  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-label="Command palette"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        aria-label="Type a command"
        placeholder="Type a command…"
        value={query}
        autoFocus
        onChange={(e) => {
          setQuery(e.target.value);
          setCursor(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setCursor((c) => Math.min(shown.length - 1, c + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setCursor((c) => Math.max(0, c - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(current);
          }
        }}
      />
      <ul id={listId} className="palette-list" role="listbox" aria-label="Commands">
        {shown.length === 0 ? <li className="palette-empty">No command matches.</li> : null}
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${c.id}`}
            role="option"
            aria-selected={c === current}
            aria-disabled={c.disabled ? true : undefined}
            className="palette-item"
            title={c.disabled || undefined}
            onMouseMove={() => setCursor(i)}
            onClick={() => run(c)}
          >
            <span className="palette-group">{c.group}</span>
            <span className="palette-label">{c.label}</span>
            {c.disabled ? <span className="palette-note">{c.disabled}</span> : null}
            {c.shortcut ? <kbd className="kbd">{c.shortcut}</kbd> : null}
          </li>
        ))}
      </ul>
    </dialog>
  );
}
