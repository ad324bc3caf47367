import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { DomainError, ValidationError } from '../domain/shared/errors.ts';

/**
 * What the log may say about an unexpected error. Database errors carry the SQL with its
 * parameters (names, e-mail addresses, comments) in their message, so of those only the class and
 * SQLSTATE are kept; the stack is kept without its first line, which repeats the message.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const stack = error.stack?.split('\n').slice(1).join('\n');
  if (error instanceof DriverException) return { name: error.name, code: error.code ?? null, stack };
  return { name: error.name, message: error.message, stack };
}

/**
 * What a client should be told when a wait towards PostgreSQL ran out (the session timeouts of
 * the request path, or the pool's): retry in a moment. Null for any other error.
 */
function timeoutMessage(error: unknown): string | null {
  // MikroORM's DriverException, or pg's own error where SQL was sent without the ORM's wrapping.
  const code = error instanceof Error ? String((error as { code?: unknown }).code ?? '') : '';
  if (code === '55P03') return 'A row this request needs is locked by another request; retry in a moment.';
  if (code === '57014') return 'The request took too long and was stopped; retry it, or ask for less.';
  if (code === '25P03') return 'The request’s transaction was held open too long and ended; retry it.';
  const message = error instanceof Error ? error.message : '';
  if (/timeout exceeded when trying to connect/.test(message)) {
    return 'The server is busy (no database connection free in time); retry in a moment.';
  }
  return null;
}

export interface MaskOptions {
  isDev?: boolean;
  log?: (event: Record<string, unknown>, message: string) => void;
}

/**
 * Turns domain errors that escape a query into GraphQL errors with `code` and `field` extensions,
 * and hides everything unexpected behind a generic message (logged without personal data, not sent).
 */
export function maskError(error: unknown, message: string, { isDev = false, log }: MaskOptions = {}): Error {
  const graphqlError = error instanceof GraphQLError ? error : null;
  const original = graphqlError?.originalError ?? error;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      nodes: graphqlError?.nodes,
      path: graphqlError?.path,
      extensions: {
        code: original.code,
        field: original.field,
        ...(original instanceof ValidationError && original.constraint && { constraint: original.constraint }),
      },
    });
  }
  // 22021/22P05: text PostgreSQL cannot store (a NUL character in a filter or search string).
  if (original instanceof DriverException && ['22021', '22P05'].includes(String(original.code))) {
    return new GraphQLError('Text in the request contains characters that cannot be stored or searched (NUL).', {
      path: graphqlError?.path,
      extensions: { code: 'VALIDATION_FAILED', field: null },
    });
  }
  const timeout = timeoutMessage(original);
  if (timeout) {
    return new GraphQLError(timeout, {
      path: graphqlError?.path,
      extensions: {
        code: 'TIMEOUT',
        retryable: true,
        retryAfterSeconds: 1,
        // Yoga answers with this status and header, so that clients and proxies back off and retry.
        http: { status: 503, headers: { 'retry-after': '1' } },
      },
    });
  }
  if (original instanceof UniqueConstraintViolationException) {
    return new GraphQLError('The request conflicts with data stored at the same time; retry it.', {
      path: graphqlError?.path,
      extensions: { code: 'CONFLICT' },
    });
  }
  if (graphqlError && !graphqlError.originalError) return withCode(graphqlError, graphqlError.extensions);
  // A GraphQLError wrapped by graphql-js (a variable's coercion, a Pothos id error): the outer one
  // holds the variable's name, the locations and the path, the inner one any code.
  if (graphqlError?.originalError instanceof GraphQLError) {
    return withCode(graphqlError, { ...graphqlError.originalError.extensions, ...graphqlError.extensions });
  }
  log?.({ err: loggableError(original), path: graphqlError?.path?.join('.') }, 'unexpected error');
  return new GraphQLError(message, {
    path: graphqlError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(isDev && { detail: String(original) }) },
  });
}

/** Codes for the errors GraphQL itself and the libraries raise without one, by what they say. */
const libraryErrorCodes: [RegExp, string, number | null][] = [
  // Armor's limits (depth, cost, aliases, directives, tokens) and graphql-js's token limit also
  // begin "Syntax Error".
  [/^Syntax Error: (.*limit of \d+ exceeded|Document contains more tha[nt] \d+ tokens)/, 'LIMIT_EXCEEDED', 400],
  [/^Syntax Error/, 'GRAPHQL_PARSE_FAILED', 400],
  [/^Variable "\$/, 'BAD_USER_INPUT', 400],
  [/^Invalid global ID/, 'VALIDATION_FAILED', null],
  [/CSRF/, 'CSRF_HEADER_MISSING', 403],
];

/**
 * The error with `extensions.code` always set, so that one client handler can rely on it: errors
 * of the document (parse, validation, variables) and of the request answer 400 under
 * application/graphql-response+json (`spec`: 200 under application/json, as GraphQL over HTTP says).
 */
function withCode(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  const given = typeof extensions.code === 'string' ? extensions.code : null;
  const known = libraryErrorCodes.find(([pattern]) => pattern.test(error.message));
  // Yoga labels every error raised while parsing GRAPHQL_PARSE_FAILED, Armor's token limit included.
  const relabel = known !== undefined && (given === null || given === 'GRAPHQL_PARSE_FAILED');
  if (given !== null && !relabel && error.extensions === extensions) return error;
  const code = relabel ? known[1] : (given ?? (error.path ? 'INTERNAL_SERVER_ERROR' : 'GRAPHQL_VALIDATION_FAILED'));
  const status = relabel ? known[2] : given === null && !error.path ? 400 : null;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: {
      ...extensions,
      code,
      ...(status && !extensions.http && { http: { status, spec: status === 400 } }),
    },
  });
}
