/**
 * Domain errors: plain Error subclasses with a stable code. The schema maps them once to typed
 * GraphQL errors (union members on mutations, extensions on queries); anything else is masked.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  /** Path of the input field at fault, e.g. "input.nps", when one field is to blame. */
  readonly field: string | null;

  constructor(message: string, field: string | null = null) {
    super(message);
    this.name = new.target.name;
    this.field = field;
  }
}

/** The limit a value broke, as data: a UI can say it in its own words (and check before sending). */
export interface Constraint {
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
}

export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly constraint: Constraint | null;

  constructor(message: string, field: string | null = null, constraint: Constraint | null = null) {
    super(message, field);
    this.constraint = constraint;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';
}

export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';
}

/** A part of the service that this process does not offer right now (say, live updates). */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
}
