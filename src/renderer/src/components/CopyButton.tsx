import { useEffect, useState } from 'react';

/**
 * Copies text to the clipboard and says so for a moment; says so too when the clipboard refuses.
 * `label` must contain `caption` ("Copy member id" for "Copy").
 */
export function CopyButton({ text, label, caption = 'Copy' }: { text: string; label: string; caption?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(timer);
  }, [state]);
  const shown = state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : caption;
  // The accessible name always contains the visible words (WCAG 2.5.3), and says what is copied.
  return (
    <button
      type="button"
      className="button button-ghost button-small"
      aria-label={state === 'idle' ? label : `${label}: ${shown}`}
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
    >
      {shown}
    </button>
  );
}
