import { useEffect, useMemo, useState } from 'preact/hooks';
import { type ApiClient, createApiClient, errorCode, errorText, persisted } from './api/client.ts';
import { Api } from './api/hooks.ts';
import type { Viewer } from './api/types.ts';
import { AtRisk } from './at-risk/at-risk.tsx';
import { CustomerSearch } from './customers/customer-search.tsx';
import { CustomerView } from './customers/customer-view.tsx';
import {
  I18n,
  initialLanguage,
  type Language,
  languageNames,
  languages,
  rememberLanguage,
  translator,
} from './i18n/i18n.ts';
import { Overview } from './overview/overview.tsx';
import { href, type Route, useRoute } from './route.ts';
import { session } from './session/session.ts';
import { SignIn } from './session/sign-in.tsx';
import { TicketQueue } from './tickets/queue.tsx';

/** Signs in with a token: it is good when the API answers the viewer query with it. */
async function signIn(token: string): Promise<{ api: ApiClient; viewer: Viewer } | { error: 'refused' | string }> {
  const api = createApiClient(token);
  const result = await api.urql.query(persisted('dashboardViewer'), {}).toPromise();
  if (result.data) return { api, viewer: result.data as Viewer };
  api.close();
  return { error: errorCode(result.error) === 'UNAUTHENTICATED' ? 'refused' : (errorText(result.error) ?? 'unknown') };
}

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const i18n = useMemo(() => translator(language), [language]);
  const { t } = i18n;
  const [signedIn, setSignedIn] = useState<{ api: ApiClient; viewer: Viewer } | null>(null);
  const [signInError, setSignInError] = useState<string | null>(null);
  const [checking, setChecking] = useState(() => session.token() !== null);
  const route = useRoute();

  const start = async (token: string) => {
    setChecking(true);
    const outcome = await signIn(token);
    setChecking(false);
    if ('error' in outcome) {
      session.signOut();
      setSignInError(outcome.error === 'refused' ? t('tokenRefused') : t('unreachable', { message: outcome.error }));
      return;
    }
    session.signIn(token);
    setSignInError(null);
    setSignedIn(outcome);
  };

  useEffect(() => {
    rememberLanguage(language);
    const token = session.token();
    if (token) void start(token);
  }, []);

  useEffect(() => {
    document.title = `${t(titleOf(route))} · loyalty-loop`;
    document.getElementById('main')?.focus();
  }, [route, t]);

  const signOut = () => {
    signedIn?.api.close();
    session.signOut();
    setSignedIn(null);
  };

  return (
    <I18n.Provider value={i18n}>
      <header class="top">
        <h1>{t('appName')}</h1>
        {signedIn ? (
          <nav aria-label={t('navLabel')}>
            <ul>
              {(['overview', 'tickets', 'at-risk', 'customers'] as const).map((page) => (
                <li key={page}>
                  <a href={href(page)} aria-current={route.page === page ? 'page' : undefined}>
                    {t(titleOf({ page } as Route))}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div class="session">
          <label>
            {t('language')}
            <select
              value={language}
              onChange={(event) => {
                const chosen = (event.target as HTMLSelectElement).value as Language;
                rememberLanguage(chosen);
                setLanguage(chosen);
              }}
            >
              {(Object.keys(languages) as Language[]).map((option) => (
                <option key={option} value={option} lang={option}>
                  {languageNames[option]}
                </option>
              ))}
            </select>
          </label>
          {signedIn ? (
            <>
              <span class="who">
                {t('signedInAs', { name: signedIn.viewer.viewer.member?.name ?? signedIn.viewer.viewer.tokenName })}
              </span>
              <button type="button" class="secondary" onClick={signOut}>
                {t('signOut')}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {signedIn ? (
          <Api.Provider value={signedIn.api}>
            <Page route={route} viewer={signedIn.viewer} />
          </Api.Provider>
        ) : checking ? (
          <p aria-busy="true">{t('loading')}</p>
        ) : (
          <SignIn error={signInError} onSignIn={(token) => void start(token)} />
        )}
      </main>
    </I18n.Provider>
  );
}

function titleOf(route: Route) {
  switch (route.page) {
    case 'tickets':
      return 'navTickets' as const;
    case 'at-risk':
      return 'navAtRisk' as const;
    case 'customers':
      return 'navCustomer' as const;
    default:
      return 'navOverview' as const;
  }
}

function Page({ route, viewer }: { route: Route; viewer: Viewer }) {
  switch (route.page) {
    case 'tickets':
      return (
        <TicketQueue
          viewer={viewer}
          selected={route.ticketId}
          onSelect={(id) => {
            location.hash = id ? href('tickets', id) : href('tickets');
          }}
        />
      );
    case 'at-risk':
      return <AtRisk viewer={viewer} />;
    case 'customers':
      return route.customerId ? (
        <CustomerView key={route.customerId} id={route.customerId} focusTicket={route.ticketId} />
      ) : (
        <CustomerSearch />
      );
    default:
      return <Overview viewer={viewer} />;
  }
}
