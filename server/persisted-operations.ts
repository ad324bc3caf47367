import { useGraphQlJit } from '@envelop/graphql-jit';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { type DocumentNode, parse, validate } from 'graphql';
import { operationHash } from '../bots/operation-hash.ts';
import * as bots from '../bots/operations.ts';
import { schema } from '../schema/index.ts';
import { frontendOperations } from './frontend-operations.ts';

const isOperation = (value: unknown): value is string => typeof value === 'string' && /^(query|mutation)\b/.test(value);

/** Every document a known client sends, by its SHA-256: the bots' operations and the frontend's. */
export const knownOperations: ReadonlyMap<string, string> = new Map(
  [
    ...Object.values(bots).flatMap((value) => (typeof value === 'object' ? Object.values(value) : [value])),
    ...Object.values(frontendOperations),
  ]
    .filter(isOperation)
    .map((document) => [operationHash(document), document]),
);

/** Parsed and validated once, here: a known document that no longer fits the schema stops the start. */
const parsedOperations = new Map<string, DocumentNode>(
  [...knownOperations].map(([hash, document]) => {
    const parsed = parse(document);
    const errors = validate(schema, parsed);
    if (errors.length) throw new Error(`Persisted operation ${hash} is invalid: ${errors.map((e) => e.message)}`);
    return [hash, parsed];
  }),
);

/**
 * Persisted operations in the Apollo format (`extensions.persistedQuery.sha256Hash`): a known
 * client sends a hash and its variables instead of the document, and the API skips parsing and
 * validating it. With `only`, other documents are refused, so a leaked token can run only what the
 * product's own clients run.
 */
export function usePersisted(only: boolean) {
  return usePersistedOperations({
    getPersistedOperation: (hash) => parsedOperations.get(hash) ?? null,
    allowArbitraryOperations: !only,
    skipDocumentValidation: true,
    customErrors: {
      // Apollo's clients look for this message and code, then send the document with the hash.
      notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
      persistedQueryOnly: {
        message: 'This API runs persisted operations only: send extensions.persistedQuery.sha256Hash of a known one.',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send a GraphQL document in `query`, or a persisted operation in extensions.persistedQuery.',
        extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
      },
    },
  });
}

const knownDocuments = new Set(knownOperations.values());

/**
 * Known operations, sent by hash or as text, run as code compiled by graphql-jit (once per parsed
 * document, kept with it): less CPU per request on the main list (BENCHMARKS.md figure 6). Other
 * documents run on the standard executor, so no client can make the API compile without end.
 */
export function useCompiledKnownOperations(onError: (message: string) => void) {
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document }) => knownDocuments.has(document.loc?.source.body ?? ''),
      onError: (result) => onError(result.errors?.map((error) => error.message).join('; ') ?? 'unknown'),
    },
  );
}
