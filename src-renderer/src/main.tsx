import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './App';
import { initI18n } from './i18n';
import { prefetchFirstPage } from './pages/overview/first-page-prefetch';
import { createQueryClient, invalidateOnDbChanges } from './query-client';
import { SignInPage } from './team/SignInPage';
import { TeamBar } from './team/TeamBar';
import { TeamClientStrip } from './team/TeamClientStrip';
import { returnToSignInWhenSessionEnds } from './team/session-end';
import { followTeamChanges } from './team/team-changes';
import { readTeamState, type TeamState } from './team/team-auth';
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

function render(team: TeamState): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root element');
  if (team.mode === 'team' && team.user === null) {
    // Team mode before sign-in: no channel answers yet, so nothing else starts.
    createRoot(container).render(
      <StrictMode>
        <SignInPage onSignedIn={() => window.location.reload()} />
      </StrictMode>,
    );
    return;
  }
  // Module scope of the app, not an effect: StrictMode would subscribe twice, and the app lives as long as the page.
  invalidateOnDbChanges(queryClient, api.on);
  followTeamChanges(queryClient, api.on, window.location);
  // The team server's page goes back to sign-in when its session ends (expired, signed out elsewhere).
  if (team.mode === 'team') returnToSignInWhenSessionEnds(queryClient);
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        {/* A team server's page says who is signed in; any other shows which data it is on (nothing on this computer's). */}
        {team.mode === 'team' && team.user ? <TeamBar user={team.user} /> : <TeamClientStrip />}
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

// The first page's calls go out first, before the language and the team state are known: the core answers
// them while the page starts (before sign-in on a team server they are refused, and the page reloads after it).
prefetchFirstPage(queryClient, window.location.hash);
// Render only once the language is known, so the first paint is not in the wrong one; in a browser, once we know whether this is the team server.
void Promise.all([readTeamState(), initI18n()]).then(([team]) => render(team));
