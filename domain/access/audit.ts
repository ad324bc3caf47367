import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from '../../db/entities/index.ts';
import { findPage, type Page, type PageArgs } from '../data/pagination.ts';
import type { Actor } from './actor.ts';

/**
 * Appends an audit entry in the caller's transaction: who (actor, token, channel) did what to
 * which object, and which fields changed. Values are left out: the trail must not copy personal data.
 */
export function audit(
  tx: EntityManager,
  actor: Actor,
  action: string,
  target: { entityType: string; entityId: number },
  changes: string[] | null = null,
): void {
  tx.create(AuditEntry, {
    action,
    ...target,
    actorName: actor.name,
    actorMemberId: actor.memberId,
    tokenId: actor.tokenId ?? null,
    channel: actor.channel,
    changes,
  });
}

/** The fields of `input` that were given (undefined means "leave as it is"). */
export function givenFields(input: Record<string, unknown>, except: string[] = []): string[] {
  return Object.keys(input).filter((key) => input[key] !== undefined && !except.includes(key));
}

/** The audit trail, newest first, optionally of one kind of object or one object. */
export function auditLog(
  em: EntityManager,
  filter: { entityType?: string | null; entityId?: number | null },
  page: PageArgs,
): Promise<Page<AuditEntry>> {
  const where = {
    ...(filter.entityType && { entityType: filter.entityType }),
    ...(filter.entityId != null && { entityId: filter.entityId }),
  };
  return findPage(em, AuditEntry, where, { createdAt: 'desc' }, page);
}
