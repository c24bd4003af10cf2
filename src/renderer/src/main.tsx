import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { appInfoQuery } from './features/about/queries';
import { tenantsQuery } from './features/tenants/queries';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

// The first screen waits for these two answers: ask now, and mount once they are in (a few
// milliseconds over IPC), so the first render is the first screen rather than a loading shell that
// is laid out, painted and replaced. If they are slow, the shell mounts after FIRST_SCREEN_WAIT_MS
// and shows its loading state; a failure lands in the cache as the query's error, shown with a retry.
const FIRST_SCREEN_WAIT_MS = 250;
const firstScreen = Promise.all([queryClient.prefetchQuery(appInfoQuery), queryClient.prefetchQuery(tenantsQuery)]);
const patience = new Promise<void>((resolve) => setTimeout(resolve, FIRST_SCREEN_WAIT_MS));

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

void Promise.race([firstScreen, patience]).then(() =>
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
