import type { TokenRole } from '../db/enums.ts';
import { ForbiddenError } from '../domain/errors.ts';
import type { Context } from './context.ts';

/** Refuses callers whose token has none of the given roles. */
export function requireRole(ctx: Context, ...roles: TokenRole[]): void {
  if (!roles.includes(ctx.viewer.role)) throw new ForbiddenError(`Only ${roles.join(' or ')} tokens may do this.`);
}
