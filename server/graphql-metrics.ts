import { type DocumentNode, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Histogram, type Registry } from 'prom-client';

interface Operation {
  labels: { operationName: string; operationType: string };
  requests: ReturnType<Counter['labels']>;
  duration: ReturnType<Histogram['labels']>;
  /** HTTP duration children by "<method> <status>". */
  http: Map<string, ReturnType<Histogram['labels']>>;
}

/**
 * The GraphQL metrics at `endpoint`, under the names and labels of Yoga's Prometheus plugin:
 * `graphql_yoga_http_duration`, `graphql_envelop_request`, `graphql_envelop_request_duration` and
 * `graphql_envelop_error_result`. Ours because that plugin cost a tenth of the main list's CPU
 * (BENCHMARKS.md figure 6): it worked the labels out several times a request, filtering copies of
 * them, where documents come from Yoga's parse cache and an operation's labels can be worked out
 * once. It also labelled the HTTP duration with the full URL, a new series for every GET query
 * string; here the label set is bounded by the operations, methods and statuses.
 */
export function useGraphQLMetrics(registry: Registry, endpoint = '/metrics'): Plugin {
  const operationLabels = ['operationName', 'operationType'];
  const httpDuration = new Histogram({
    name: 'graphql_yoga_http_duration',
    help: 'Time spent on HTTP connection',
    labelNames: [...operationLabels, 'method', 'statusCode'],
    registers: [registry],
  });
  const requests = new Counter({
    name: 'graphql_envelop_request',
    help: 'Counts the amount of GraphQL requests executed',
    labelNames: operationLabels,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_envelop_request_duration',
    help: 'Time spent executing the GraphQL operation',
    labelNames: operationLabels,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_envelop_error_result',
    help: 'Counts the errors reported, by phase (parse, validate, execute) and path',
    labelNames: [...operationLabels, 'path', 'phase'],
    registers: [registry],
  });

  const operation = (operationName: string, operationType: string): Operation => {
    const labels = { operationName, operationType };
    return { labels, requests: requests.labels(labels), duration: duration.labels(labels), http: new Map() };
  };
  const unknown = operation('Anonymous', 'unknown');
  const byDocument = new WeakMap<DocumentNode, Map<string | null | undefined, Operation>>();
  const operationOf = (document: DocumentNode, name: string | null | undefined): Operation => {
    let named = byDocument.get(document);
    if (!named) {
      named = new Map();
      byDocument.set(document, named);
    }
    let found = named.get(name);
    if (!found) {
      const ast = getOperationAST(document, name);
      found = ast ? operation(ast.name?.value ?? 'Anonymous', ast.operation) : unknown;
      named.set(name, found);
    }
    return found;
  };
  const started = new WeakMap<Request, number>();
  const operations = new WeakMap<Request, Operation>();
  const countError = (at: Operation, phase: string, path = '') => errors.inc({ ...at.labels, phase, path });

  return {
    onRequest({ request, url, fetchAPI, endResponse }) {
      if (url.pathname === endpoint) {
        return registry.metrics().then((text) => {
          endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } }));
        });
      }
      started.set(request, performance.now());
    },
    onParse: ({ context }) => {
      return ({ result }) => {
        if (result instanceof Error) countError(unknown, 'parse');
        else operations.set(context.request, operationOf(result, context.params.operationName));
      };
    },
    onValidate: ({ context }) => {
      return ({ valid }) => {
        if (!valid) countError(operations.get(context.request) ?? unknown, 'validate');
      };
    },
    onExecute({ args }) {
      const at = operationOf(args.document, args.operationName);
      const start = performance.now();
      return {
        onExecuteDone({ result }) {
          at.requests.inc();
          at.duration.observe((performance.now() - start) / 1000);
          if (!(Symbol.asyncIterator in result)) {
            for (const error of result.errors ?? []) countError(at, 'execute', error.path?.join('.'));
          }
        },
      };
    },
    onResponse({ request, response }) {
      const start = started.get(request);
      if (start === undefined) return;
      const at = operations.get(request) ?? unknown;
      const key = `${request.method} ${response.status}`;
      let child = at.http.get(key);
      if (!child) {
        child = httpDuration.labels({ ...at.labels, method: request.method, statusCode: response.status });
        at.http.set(key, child);
      }
      child.observe((performance.now() - start) / 1000);
    },
  };
}
