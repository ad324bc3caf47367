import { z } from 'zod';
import { type Constraint, ValidationError } from './errors.ts';

/** Parses input with a zod schema; the first problem becomes a ValidationError naming the field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, prefix = 'input'): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [prefix, ...(issue?.path ?? [])].filter((part) => part !== '').join('.');
  throw new ValidationError(`${path}: ${issue?.message ?? 'invalid value'}`, path, issue ? constraintOf(issue) : null);
}

/** The limit of a too-small or too-big value, by what it applies to (a number, or a text's length). */
function constraintOf(issue: z.core.$ZodIssue): Constraint | null {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return null;
  const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
  if (issue.origin === 'string') return issue.code === 'too_small' ? { minLength: limit } : { maxLength: limit };
  if (issue.origin === 'number' || issue.origin === 'int')
    return issue.code === 'too_small' ? { min: limit } : { max: limit };
  return null;
}

// PostgreSQL cannot store NUL in text: refuse it here, with the field named, rather than fail there.
const noNul = (value: string) => !value.includes('\u0000');
const nulMessage = 'must not contain NUL characters';

const trimmed = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`).refine(noNul, nulMessage);

export const text = {
  name: trimmed(200),
  shortName: trimmed(120),
  comment: z.string().trim().max(5000, 'at most 5000 characters').refine(noNul, nulMessage),
  note: trimmed(5000),
  idempotencyKey: trimmed(200),
  externalId: trimmed(64),
};

export const email = z.string().trim().toLowerCase().pipe(z.email('must be an e-mail address').max(254));

export const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR');

export const score = (min: number, max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** Dates the product accepts: not in the future (a minute of clock skew allowed) and after 2000. */
export const pastInstant = z
  .date()
  .refine((value) => value.getTime() <= Date.now() + 60_000, 'must not be in the future')
  .refine((value) => value.getFullYear() >= 2000, 'must be in or after the year 2000');

export const birthDate = z.iso.date('must be a date as YYYY-MM-DD').refine((value) => {
  const year = Number(value.slice(0, 4));
  return year >= 1900 && new Date(value).getTime() <= Date.now();
}, 'must be a date between 1900 and today');
