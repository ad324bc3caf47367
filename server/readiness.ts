import type { Plugin } from 'graphql-yoga';

/**
 * Answers `endpoint` with 200 when `check` resolves true, and 503 when it resolves false or throws
 * (a load balancer stops sending requests meanwhile). Yoga's own useReadinessCheck also matches
 * every other request against a URLPattern, a regular expression per request for nothing.
 */
export function useReadiness(endpoint: string, check: () => Promise<boolean>): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const answer = (ready: boolean) =>
        endResponse(new fetchAPI.Response(ready ? 'ready' : 'not ready', { status: ready ? 200 : 503 }));
      return check().then(answer, () => answer(false));
    },
  };
}
