import { ValidationError } from './errors.ts';

/** IANA zone names this runtime knows (PostgreSQL knows the same database of zones). */
const zones = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * Refuses a name that is not an IANA time zone. What passes is only letters, digits, `_`, `/`, `+`
 * and `-`, so it may be written into SQL as a literal.
 */
export function assertTimeZone(timeZone: string, field: string): void {
  if ((timeZone !== 'UTC' && !zones.has(timeZone)) || !/^[A-Za-z0-9_/+-]+$/.test(timeZone)) {
    throw new ValidationError(`${field}: not an IANA time zone name, e.g. Europe/Amsterdam`, field);
  }
}
