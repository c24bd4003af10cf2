import { useEffect } from 'react';
import { AboutPanel } from './features/about/AboutPanel';
import { useAppInfo } from './features/about/queries';
import { ErrorState } from './components/ErrorState';
import { useUi, type View } from './stores/ui';

const NAV: Array<{ view: View; label: string }> = [{ view: 'about', label: 'About' }];

export function App() {
  const info = useAppInfo();
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const appState = info.isPending ? 'loading' : info.isError ? 'error' : 'ready';

  useEffect(() => {
    document.documentElement.dataset.appState = appState;
  }, [appState]);

  return (
    <div className="shell" data-app-state={appState}>
      <aside className="sidebar" aria-label="Sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            S
          </span>
          <span className="brand-name">SCIM Console</span>
        </div>
        <nav aria-label="Main">
          <ul className="nav-list">
            {NAV.map((item) => (
              <li key={item.view}>
                <button
                  type="button"
                  className="nav-item"
                  aria-current={view === item.view ? 'page' : undefined}
                  onClick={() => setView(item.view)}
                >
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar-footer">{info.data ? `v${info.data.version}` : ''}</div>
      </aside>
      <main className="content" aria-busy={info.isPending}>
        {info.isPending ? (
          <div className="state" role="status">
            Loading…
          </div>
        ) : info.isError ? (
          <ErrorState title="The console could not start" error={info.error} onRetry={() => void info.refetch()} />
        ) : (
          <AboutPanel info={info.data} />
        )}
      </main>
    </div>
  );
}
