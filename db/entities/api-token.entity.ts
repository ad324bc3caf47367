import { createHash } from 'node:crypto';
import { defineEntity, p } from '@mikro-orm/core';
import { tokenRoles } from '../enums.ts';
import { Customer } from './customer.entity.ts';
import { TeamMember } from './team-member.entity.ts';

/** A bearer token for the API. Only a SHA-256 hash of the secret is stored. */
export const ApiTokenSchema = defineEntity({
  name: 'ApiToken',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(120),
    tokenHash: p.string().length(64).unique(),
    role: p.enum(tokenRoles),
    // The person the token acts as; ticket history names them.
    member: () => p.manyToOne(TeamMember).nullable().index(),
    // For CUSTOMER tokens: the customer whose own profile and feedback the token reaches.
    customer: () => p.manyToOne(Customer).nullable().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    revokedAt: p.datetime().nullable(),
  },
});

export class ApiToken extends ApiTokenSchema.class {
  /** Tokens are long random secrets, so a fast unsalted hash is enough to keep them out of the database. */
  static hash(secret: string): string {
    return createHash('sha256').update(secret).digest('hex');
  }
}
ApiTokenSchema.setClass(ApiToken);
