import { useState } from 'preact/hooks';
import { useQuery } from '../api/hooks.ts';
import type { Connection } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.ts';
import { href } from '../route.ts';
import { ErrorAlert } from '../ui/error-alert.tsx';

interface Found {
  id: string;
  name: string;
  team: { name: string };
  latestFeedback: { nps: number | null } | null;
}

/** Finds customers by name or e-mail (the main customer list, searched) and links to their view. */
export function CustomerSearch() {
  const { t, num } = useI18n();
  const [draft, setDraft] = useState('');
  const [search, setSearch] = useState('');
  const { data, error } = useQuery<{ customers: Connection<Found> }>(
    'customerList',
    { first: 20, filter: { search } },
    { pause: search === '' },
  );
  return (
    <section aria-labelledby="search-title">
      <h2 id="search-title">{t('findCustomer')}</h2>
      <form
        class="toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setSearch(draft.trim());
        }}
      >
        <label>
          {t('searchLabel')}
          <input type="search" value={draft} onInput={(event) => setDraft((event.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      <ErrorAlert error={error} />
      {data ? (
        data.customers.nodes.length ? (
          <ul class="plain-list">
            {data.customers.nodes.map((customer) => (
              <li key={customer.id}>
                <a href={href('customers', customer.id)}>{customer.name}</a> · {customer.team.name}
                {customer.latestFeedback?.nps !== null && customer.latestFeedback?.nps !== undefined
                  ? ` · NPS ${num(customer.latestFeedback.nps)}`
                  : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('noCustomers')}</p>
        )
      ) : null}
    </section>
  );
}
