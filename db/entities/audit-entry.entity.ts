import { defineEntity, p } from '@mikro-orm/core';
import { actionChannels } from '../enums.ts';

/**
 * Append-only record of changes to customers and to who may do what (teams, members, tokens).
 * Ticket changes have their own history (ticket_event). `changes` names the fields that changed,
 * never their personal values.
 */
export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  indexes: [{ properties: ['entityType', 'entityId', 'createdAt'] }, { properties: ['createdAt'] }],
  properties: {
    id: p.integer().primary(),
    action: p.string().length(64),
    entityType: p.string().length(64),
    entityId: p.integer(),
    actorName: p.string().length(200),
    actorMemberId: p.integer().nullable(),
    tokenId: p.integer().nullable(),
    channel: p.enum(actionChannels),
    changes: p.json<string[]>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
