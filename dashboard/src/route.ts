import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { page: 'overview' }
  | { page: 'tickets'; ticketId: string | null }
  | { page: 'at-risk' }
  | { page: 'customers'; customerId: string | null; ticketId: string | null };

/** The page from the location's hash (#/tickets/<id>, #/customers/<id>/tickets/<id>, …), so links and Back work. */
export function parseRoute(hash: string): Route {
  const [page, id, sub, subId] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (page === 'tickets') return { page, ticketId: id || null };
  if (page === 'at-risk') return { page };
  if (page === 'customers') return { page, customerId: id || null, ticketId: sub === 'tickets' ? subId || null : null };
  return { page: 'overview' };
}

export const href = (...parts: string[]) => `#/${parts.map(encodeURIComponent).join('/')}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const changed = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}
