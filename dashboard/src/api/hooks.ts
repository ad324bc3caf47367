import type { CombinedError } from '@urql/core';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { OperationName } from '../../operations.ts';
import { type ApiClient, persisted, type TicketActionName } from './client.ts';

export const Api = createContext<ApiClient | null>(null);

export function useApi(): ApiClient {
  const api = useContext(Api);
  if (!api) throw new Error('useApi outside a signed-in page');
  return api;
}

export interface QueryState<T> {
  data: T | undefined;
  error: CombinedError | undefined;
  fetching: boolean;
  /** Reads again (after a change elsewhere), keeping what is shown until the answer comes. */
  refetch(): void;
}

/**
 * Runs a persisted query while the component is shown, again when the variables change, when
 * `generation` changes (a change heard elsewhere) and on refetch().
 */
export function useQuery<T>(
  name: OperationName,
  variables: Record<string, unknown>,
  { pause = false, generation = 0 } = {},
): QueryState<T> {
  const api = useApi();
  const [state, setState] = useState<{ data?: T; error?: CombinedError; fetching: boolean }>({ fetching: !pause });
  const [own, setOwn] = useState(0);
  // The variables are compared by value: a new object with the same values reads nothing again.
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (pause) return;
    setState((previous) => ({ ...previous, fetching: true }));
    const { unsubscribe } = api.urql.query(persisted(name), variables).subscribe((result) => {
      setState({ data: result.data as T | undefined, error: result.error, fetching: false });
    });
    return unsubscribe;
  }, [api, name, key, pause, generation, own]);
  const refetch = useCallback(() => setOwn((n) => n + 1), []);
  return { data: state.data, error: state.error, fetching: state.fetching, refetch };
}

/** Runs a persisted subscription while the component is shown; each event goes to onEvent. */
export function useSubscription<T>(
  name: OperationName,
  variables: Record<string, unknown>,
  onEvent: (data: T) => void,
) {
  const api = useApi();
  const latest = useRef(onEvent);
  latest.current = onEvent;
  // Subscribed again only when the variables' values change; each event goes to the latest onEvent.
  const key = JSON.stringify(variables);
  useEffect(() => {
    const { unsubscribe } = api.urql.subscription(persisted(name), variables).subscribe((result) => {
      if (result.data) latest.current(result.data as T);
    });
    return unsubscribe;
  }, [api, name, key]);
}

/** True while the live connection is up, false while it reconnects, null before it first connects. */
export function useLive(): boolean | null {
  const api = useApi();
  const [up, setUp] = useState<boolean | null>(null);
  useEffect(() => api.onLive(setUp), [api]);
  return up;
}

/** The answer of a mutation: the typed error the API gave (with its field), or none. */
export interface MutationOutcome {
  ok: boolean;
  message?: string;
  field?: string | null;
}

/** Sends a persisted mutation whose payload is a union of a success and typed errors. */
export async function mutate(
  api: ApiClient,
  name: TicketActionName | 'grantGoodwill',
  input: Record<string, unknown>,
): Promise<MutationOutcome> {
  const result = await api.urql.mutation(persisted(name), { input }).toPromise();
  if (result.error) return { ok: false, message: result.error.graphQLErrors[0]?.message ?? result.error.message };
  const payload = Object.values(result.data ?? {})[0] as { __typename: string; message?: string; field?: string };
  if (payload && 'message' in payload && payload.message) {
    return { ok: false, message: payload.message, field: payload.field ?? null };
  }
  return { ok: true };
}
