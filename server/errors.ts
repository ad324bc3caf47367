import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { DomainError } from '../domain/errors.ts';

/**
 * Turns domain errors that escape a query into GraphQL errors with `code` and `field` extensions,
 * and hides everything unexpected behind a generic message (the original is logged, not sent).
 */
export function maskError(error: unknown, message: string, isDev = false): Error {
  const graphqlError = error instanceof GraphQLError ? error : null;
  const original = graphqlError?.originalError ?? error;
  if (original instanceof DomainError) {
    return new GraphQLError(original.message, {
      nodes: graphqlError?.nodes,
      path: graphqlError?.path,
      extensions: { code: original.code, field: original.field },
    });
  }
  // 22021/22P05: text PostgreSQL cannot store (a NUL character in a filter or search string).
  if (original instanceof DriverException && ['22021', '22P05'].includes(String(original.code))) {
    return new GraphQLError('Text in the request contains characters that cannot be stored or searched (NUL).', {
      path: graphqlError?.path,
      extensions: { code: 'VALIDATION_FAILED', field: null },
    });
  }
  if (original instanceof UniqueConstraintViolationException) {
    return new GraphQLError('The request conflicts with data stored at the same time; retry it.', {
      path: graphqlError?.path,
      extensions: { code: 'CONFLICT' },
    });
  }
  if (graphqlError && !graphqlError.originalError) return graphqlError;
  if (graphqlError?.originalError instanceof GraphQLError) return graphqlError.originalError;
  return new GraphQLError(message, {
    path: graphqlError?.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR', ...(isDev && { detail: String(original) }) },
  });
}
