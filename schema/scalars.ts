import { GraphQLError, Kind } from 'graphql';
import { builder } from './builder.ts';

function invalid(message: string): never {
  throw new GraphQLError(message, { extensions: { code: 'VALIDATION_FAILED' } });
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value))
    invalid('DateTime must be an ISO 8601 string with a time, e.g. 2026-03-01T09:30:00Z');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) invalid(`DateTime ${JSON.stringify(value)} is not a valid instant`);
  return date;
}

builder.scalarType('DateTime', {
  description: 'An instant as an ISO 8601 string in UTC, e.g. 2026-03-01T09:30:00.000Z.',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('JSON', {
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value))
    invalid('Date must be a calendar date as YYYY-MM-DD');
  return value;
}

builder.scalarType('Date', {
  description: 'A calendar date without time zone as YYYY-MM-DD, e.g. 1984-06-30.',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});
