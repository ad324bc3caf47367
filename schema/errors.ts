import {
  ConflictError,
  type Constraint,
  type DomainError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../domain/shared/errors.ts';
import { builder } from './builder.ts';

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'A problem with the request that the caller can fix; mutations return these in their payload union.',
  fields: (t) => ({
    message: t.exposeString('message', { description: 'What went wrong, in English, fit to show a user.' }),
    code: t.exposeString('code', { description: 'A stable machine-readable code, e.g. VALIDATION_FAILED.' }),
    field: t.exposeString('field', {
      nullable: true,
      description: 'Path of the argument or input field at fault, e.g. "input.nps"; null when no single field is.',
    }),
  }),
});

const errorTypes = [
  [ValidationError, 'ValidationError', 'An argument was missing, malformed or out of range. Nothing was written.'],
  [NotFoundError, 'NotFoundError', 'An id pointed at nothing (or at something the caller may not see).'],
  [
    ConflictError,
    'ConflictError',
    'The request collides with stored data: a reused idempotency key, a taken e-mail, or a concurrent change.',
  ],
  [InvalidTransitionError, 'InvalidTransitionError', 'The ticket is not in a status that allows this action.'],
  [ForbiddenError, 'ForbiddenError', 'The caller may not do this.'],
] as const;

const ConstraintRef = builder.objectRef<Constraint>('ValidationConstraint').implement({
  description: 'The limit a value broke, as data: a UI can say it in its own words.',
  fields: (t) => ({
    min: t.float({ nullable: true, description: 'Smallest allowed value.', resolve: (c) => c.min ?? null }),
    max: t.float({ nullable: true, description: 'Largest allowed value.', resolve: (c) => c.max ?? null }),
    minLength: t.int({ nullable: true, description: 'Fewest characters.', resolve: (c) => c.minLength ?? null }),
    maxLength: t.int({ nullable: true, description: 'Most characters.', resolve: (c) => c.maxLength ?? null }),
  }),
});

for (const [errorClass, name, description] of errorTypes) {
  builder.objectType(errorClass, {
    name,
    description,
    interfaces: [ErrorInterface],
    isTypeOf: (value) => value instanceof errorClass,
  });
}

builder.objectFields(ValidationError, (t) => ({
  constraint: t.field({
    type: ConstraintRef,
    nullable: true,
    description: 'The limit the value broke (a range or a length), when it broke one.',
    resolve: (error) => error.constraint,
  }),
}));

/** The errors a mutation may return besides the two every one may: a ValidationError and a ForbiddenError. */
export type MutationErrorKind = 'notFound' | 'conflict' | 'transition';

const byKind = { notFound: NotFoundError, conflict: ConflictError, transition: InvalidTransitionError } as const;

/**
 * Error handling for a mutation: its payload is a union of a success type and the typed errors it
 * can return (every mutation checks its input and the caller's rights; `kinds` adds the rest).
 * An unauthenticated request is answered 401 before any mutation runs, so no union holds that.
 * `data` names the success type's one field; without it the result type itself joins the union.
 */
export function mutationErrors(
  what: string,
  kinds: readonly MutationErrorKind[],
  data?: { name: string; description: string },
) {
  const types = [ValidationError, ForbiddenError, ...kinds.map((kind) => byKind[kind])];
  const union = { description: `What ${what} returns: the result, or a typed error saying what to fix.` };
  if (!data) return { types, union, directResult: true as const };
  return { types, union, result: { description: `${what} succeeded.` }, dataField: data };
}
