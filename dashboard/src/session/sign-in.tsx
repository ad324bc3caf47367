import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.ts';
import { demoToken } from './session.ts';

/** The sign-in form: an API token, checked by the caller (it signs in with a viewer query). */
export function SignIn({ error, onSignIn }: { error: string | null; onSignIn(token: string): void }) {
  const { t } = useI18n();
  const demo = demoToken();
  const [token, setToken] = useState(demo);
  return (
    <section class="card sign-in" aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('signInTitle')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (token.trim()) onSignIn(token.trim());
        }}
      >
        <label>
          {t('tokenLabel')}
          <input
            name="token"
            type="password"
            autoComplete="off"
            required
            value={token}
            aria-describedby="token-help"
            onInput={(event) => setToken((event.target as HTMLInputElement).value)}
          />
        </label>
        <p id="token-help" class="note">
          {t('tokenHelp')} {demo ? t('demoTokenFilled') : ''}
        </p>
        {error ? (
          <p role="alert" class="error">
            {error}
          </p>
        ) : null}
        <button type="submit">{t('signInButton')}</button>
      </form>
    </section>
  );
}
