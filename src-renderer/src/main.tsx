import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './App';
import { initI18n } from './i18n';
import { prefetchFirstPage } from './pages/overview/first-page-prefetch';
import { createQueryClient, invalidateOnDbChanges } from './query-client';
import './styles/base.css';
import './styles/shell.css';
import './styles/content.css';
import './styles/forms.css';
import './styles/import.css';
import './styles/import-results.css';
import './styles/developers.css';
import './styles/analytics.css';
import './styles/backups.css';
import './styles/money.css';
import './styles/shortlinks.css';

const queryClient = createQueryClient();
// Module scope, not an effect: StrictMode would subscribe twice, and the app lives as long as the page.
invalidateOnDbChanges(queryClient, api.on);

function render(): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// The first page's calls go out first: the core answers them while the page starts.
prefetchFirstPage(queryClient, window.location.hash);
// Render only once the language is known, so the first paint is not in the wrong one.
void initI18n().then(render);
