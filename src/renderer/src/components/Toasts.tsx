import { useToasts } from '../stores/toasts';

/** The toast region: polite for news, assertive for errors; each toast can be closed. */
export function Toasts() {
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {toasts.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.tone}`}
          role={t.tone === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <div className="toast-message">
            {t.message}
            {t.code ? <span className="form-error-code"> ({t.code})</span> : null}
            {t.count && t.count > 1 ? (
              <span className="toast-count" aria-label={`${t.count} times`}>
                {' '}
                ×{t.count}
              </span>
            ) : null}
          </div>
          {t.action ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                t.action!.run();
                dismiss(t.id);
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label="Dismiss notification"
            onClick={() => dismiss(t.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
