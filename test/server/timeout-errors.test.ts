import { DriverException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskError } from '../../server/errors.ts';

/** An error as PostgreSQL reports it through pg (a DatabaseError with its SQLSTATE). */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR' });

describe('timeouts as GraphQL errors', () => {
  it.each([
    ['55P03', 'canceling statement due to lock timeout', /locked by another request/],
    ['57014', 'canceling statement due to statement timeout', /took too long/],
    ['25P03', 'terminating connection due to idle-in-transaction timeout', /held open too long/],
  ])('SQLSTATE %s is a retryable TIMEOUT with a Retry-After, through pg or MikroORM', (code, text, message) => {
    for (const original of [pgError(code, text), new DriverException(pgError(code, text))]) {
      const masked = maskError(
        new GraphQLError('x', { originalError: original, path: ['submitFeedback'] }),
        'Unexpected error.',
      );
      expect(masked).toBeInstanceOf(GraphQLError);
      expect(masked.message).toMatch(message);
      expect((masked as GraphQLError).extensions).toEqual({
        code: 'TIMEOUT',
        retryable: true,
        retryAfterSeconds: 1,
        http: { status: 503, headers: { 'retry-after': '1' } },
      });
      expect((masked as GraphQLError).path).toEqual(['submitFeedback']);
    }
  });

  it('an exhausted pool is a retryable TIMEOUT; other errors stay masked', () => {
    const busy = maskError(new Error('timeout exceeded when trying to connect'), 'Unexpected error.');
    expect((busy as GraphQLError).extensions.code).toBe('TIMEOUT');
    const other = maskError(pgError('23503', 'foreign key violation'), 'Unexpected error.');
    expect((other as GraphQLError).extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
