import { useGraphQlJit } from '@envelop/graphql-jit';
import { type DocumentNode, parse, validate } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { operationHash } from '../bots/operation-hash.ts';
import * as bots from '../bots/operations.ts';
import { frontendOperations } from '../dashboard/operations.ts';
import { schema } from '../schema/index.ts';
import type { ApqStore } from './apq-store.ts';

const isOperation = (value: unknown): value is string =>
  typeof value === 'string' && /^(query|mutation|subscription)\b/.test(value);

/** Every document a known client sends, by its SHA-256: the bots' operations and the frontend's. */
export const knownOperations: ReadonlyMap<string, string> = new Map(
  [
    ...Object.values(bots).flatMap((value) => (typeof value === 'object' ? Object.values(value) : [value])),
    ...Object.values(frontendOperations),
  ]
    .filter(isOperation)
    .map((document) => [operationHash(document), document]),
);

/** Parsed and validated once: a listed document that does not fit the schema stops the start. */
function parsedList(documents: ReadonlyMap<string, string>, source: string): Map<string, DocumentNode> {
  return new Map(
    [...documents].map(([id, document]) => {
      let parsed: DocumentNode;
      try {
        parsed = parse(document);
      } catch (error) {
        throw new Error(`${source}: operation ${id} does not parse: ${(error as Error).message}`);
      }
      const errors = validate(schema, parsed);
      if (errors.length) throw new Error(`${source}: operation ${id} is invalid: ${errors.map((e) => e.message)}`);
      return [id, parsed];
    }),
  );
}

/** What a request asked to run, as GraphQL over HTTP and the clients send it. */
export interface OperationParams {
  query?: string | null;
  documentId?: unknown;
  extensions?: Record<string, any> | null;
}

export interface PersistedOptions {
  /** Refuse documents that are not listed (PERSISTED_OPERATIONS_ONLY). */
  only: boolean;
  /** A frontend's own operations by id (PERSISTED_OPERATIONS_FILE): Apollo's or Relay's manifest. */
  manifest?: ReadonlyMap<string, string>;
  /** Where automatic persisted queries are registered; without it, hashes of unlisted documents are not found. */
  store?: ApqStore;
}

const refusal = (message: string, code: string, status = 400) =>
  createGraphQLError(message, { extensions: { code, http: { status } } });

/**
 * Persisted operations as the standard clients send them, for HTTP and WebSocket alike:
 * - Apollo's automatic persisted queries: a hash alone runs a listed or registered document; an
 *   unknown hash answers PERSISTED_QUERY_NOT_FOUND, and the client sends hash and document, which
 *   registers it for every process once the hash is checked against the document;
 * - a `documentId` (GraphQL over HTTP, Relay) runs an operation of the lists;
 * - the lists: the bots' and this repository's frontend operations, and a frontend's manifest.
 * With `only`, nothing outside the lists runs, and nothing is registered.
 */
export function createPersistedOperations({ only, manifest = new Map(), store }: PersistedOptions) {
  const listed = new Map([...parsedList(knownOperations, 'known operations'), ...parsedList(manifest, 'manifest')]);
  const listedText = new Map([...knownOperations, ...manifest]);
  const listedDocuments = new Set(listedText.values());

  /** The document to run, and its parsed form when it was listed (then validated already). */
  async function resolve(params: OperationParams): Promise<{ query: string; parsed?: DocumentNode }> {
    const persisted = params.extensions?.persistedQuery;
    if (params.documentId != null) {
      const id = String(params.documentId);
      const parsed = listed.get(id);
      if (!parsed) throw refusal(`No persisted operation has the documentId "${id}".`, 'PERSISTED_QUERY_NOT_FOUND');
      return { query: listedText.get(id)!, parsed };
    }
    if (persisted != null) {
      const hash = persisted.sha256Hash;
      if (persisted.version !== 1 || typeof hash !== 'string') {
        throw refusal('extensions.persistedQuery needs version 1 and a sha256Hash string.', 'BAD_REQUEST');
      }
      if (typeof params.query === 'string') {
        if (operationHash(params.query) !== hash.toLowerCase()) {
          throw refusal(
            'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query.',
            'PERSISTED_QUERY_HASH_MISMATCH',
          );
        }
        if (listed.has(hash)) return { query: params.query, parsed: listed.get(hash) };
        if (only) throw onlyListed();
        await store?.put(hash, params.query);
        return { query: params.query };
      }
      const parsed = listed.get(hash);
      if (parsed) return { query: listedText.get(hash)!, parsed };
      const registered = only ? null : await store?.get(hash);
      // Apollo's clients look for this message and code, then send the document with the hash.
      if (!registered)
        throw createGraphQLError('PersistedQueryNotFound', { extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
      return { query: registered };
    }
    if (typeof params.query !== 'string') {
      throw refusal(
        'Send a GraphQL document in `query`, a `documentId`, or a persisted query hash in extensions.persistedQuery.',
        'BAD_REQUEST',
      );
    }
    if (only && !listedDocuments.has(params.query)) throw onlyListed();
    return { query: params.query };
  }

  return { resolve, listedDocuments };
}

const onlyListed = () =>
  refusal(
    'This API runs persisted operations only: send the sha256Hash or documentId of a listed one.',
    'PERSISTED_QUERY_ONLY',
  );

export type PersistedOperations = ReturnType<typeof createPersistedOperations>;

/** The persisted operations as a Yoga plugin: the document is settled before Yoga parses it. */
export function usePersisted(operations: PersistedOperations): Plugin {
  const listedByContext = new WeakMap<object, DocumentNode>();
  return {
    onParams({ params, setParams, context }) {
      return operations.resolve(params as OperationParams).then(({ query, parsed }) => {
        const { operationName, variables, extensions } = params;
        setParams({ query, operationName, variables, extensions });
        if (parsed) listedByContext.set(context, parsed);
      });
    },
    onParse({ context, setParsedDocument }) {
      const parsed = listedByContext.get(context);
      if (parsed) setParsedDocument(parsed);
    },
    onValidate({ context, setResult }) {
      if (listedByContext.has(context)) setResult([]);
    },
  };
}

/**
 * Listed operations, sent by hash, id or as text, run as code compiled by graphql-jit (once per
 * parsed document, kept with it): less CPU per request on the main list (BENCHMARKS.md figure 6).
 * Other documents run on the standard executor, so no client can make the API compile without end.
 */
export function useCompiledKnownOperations(operations: PersistedOperations, onError: (message: string) => void) {
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document }) => operations.listedDocuments.has(document.loc?.source.body ?? ''),
      onError: (result) => onError(result.errors?.map((error) => error.message).join('; ') ?? 'unknown'),
    },
  );
}
