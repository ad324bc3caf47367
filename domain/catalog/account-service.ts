import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account } from '../../db/entities/index.ts';
import type { Actor } from '../access/actor.ts';
import { audit } from '../access/audit.ts';
import { containsPattern } from '../data/like-pattern.ts';
import { findPage, type Page, type PageArgs } from '../data/pagination.ts';
import { assertUnused } from '../shared/assert-unused.ts';
import { NotFoundError } from '../shared/errors.ts';
import { parseInput, text } from '../shared/validation.ts';

/** Adds a company account; its name is its key, so a retried creation finds it taken. */
export async function createAccount(em: EntityManager, raw: { name: string }, actor: Actor) {
  const input = parseInput(z.object({ name: text.name }), raw);
  return em.transactional(async (tx) => {
    await assertUnused(tx, Account, 'name', input.name);
    const account = tx.create(Account, { name: input.name });
    await tx.flush();
    audit(tx, actor, 'account.create', { entityType: 'Account', entityId: account.id }, ['name']);
    return account;
  });
}

/** Renames a company account (its customers and history stay with it). */
export async function updateAccount(em: EntityManager, raw: { accountId: number; name: string }, actor: Actor) {
  const input = parseInput(z.object({ accountId: z.number().int().positive(), name: text.name }), raw);
  return em.transactional(async (tx) => {
    const account = await tx.findOne(Account, input.accountId);
    if (!account) throw new NotFoundError('No account with this id.', 'input.accountId');
    await assertUnused(tx, Account, 'name', input.name, account.id);
    account.name = input.name;
    audit(tx, actor, 'account.update', { entityType: 'Account', entityId: account.id }, ['name']);
    return account;
  });
}

/** Company accounts by name, optionally those whose name contains `search`. */
export function listAccounts(
  em: EntityManager,
  search: string | null | undefined,
  page: PageArgs,
): Promise<Page<Account>> {
  const like = search ? containsPattern(search) : null;
  return findPage(em, Account, like ? { name: { $ilike: like } } : {}, { name: 'asc' }, page);
}
