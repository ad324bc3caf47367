import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Customer } from '../../db/entities/index.ts';
import { contactChannels } from '../../db/enums.ts';
import type { Actor } from '../access/actor.ts';
import { audit, givenFields } from '../access/audit.ts';
import { findByIdempotencyKey } from '../data/idempotency.ts';
import { assertUnused } from '../shared/assert-unused.ts';
import { applyChanges } from '../shared/partial-update.ts';
import { birthDate, email, parseInput, text } from '../shared/validation.ts';
import { findTeam } from '../teams/team-service.ts';
import { findCustomer } from './find-customer.ts';

const profileFields = {
  name: text.name,
  email: email.nullish(),
  accountName: text.name.nullish(),
  city: text.shortName.nullish(),
  region: text.shortName.nullish(),
  birthDate: birthDate.nullish(),
  preferredChannel: z.enum(contactChannels).nullish(),
  surveyConsent: z.boolean().nullish(),
  slackUserId: text.externalId.nullish(),
  discordUserId: text.externalId.nullish(),
};

const createSchema = z.object({
  teamId: z.number().int().positive(),
  ...profileFields,
  referredById: z.number().int().positive().nullish(),
  idempotencyKey: text.idempotencyKey.nullish(),
});

const updateSchema = z.object({
  customerId: z.number().int().positive(),
  teamId: z.number().int().positive().nullish(),
  ...z.object(profileFields).partial().shape,
});

export type CreateCustomerInput = z.input<typeof createSchema>;
export type UpdateCustomerInput = z.input<typeof updateSchema>;

/** Creates a customer; with an idempotency key a retried call returns the customer it created. */
export async function createCustomer(em: EntityManager, raw: CreateCustomerInput, actor: Actor): Promise<Customer> {
  const input = parseInput(createSchema, raw);
  return em.transactional(async (tx) => {
    if (input.idempotencyKey) {
      const existing = await findByIdempotencyKey(tx, Customer, input.idempotencyKey);
      if (existing) return existing;
    }
    const team = await findTeam(tx, input.teamId);
    await assertUnique(tx, input, null);
    const { teamId, accountName, referredById, ...profile } = input;
    const referrer = referredById ? await findCustomer(tx, referredById, 'input.referredById') : null;
    const customer = tx.create(Customer, {
      ...withoutNullish(profile),
      team,
      referredBy: referrer,
      account: accountName ? await findOrCreateAccount(tx, accountName) : null,
    });
    await tx.flush();
    audit(
      tx,
      actor,
      'customer.create',
      { entityType: 'Customer', entityId: customer.id },
      givenFields(input, ['idempotencyKey']),
    );
    return customer;
  });
}

export async function updateCustomer(em: EntityManager, raw: UpdateCustomerInput, actor: Actor): Promise<Customer> {
  const input = parseInput(updateSchema, raw);
  return em.transactional(async (tx) => {
    const customer = await findCustomer(tx, input.customerId);
    await assertUnique(tx, input, customer.id);
    const { customerId, teamId, accountName, ...profile } = input;
    if (teamId != null) customer.team = await findTeam(tx, teamId);
    if (accountName !== undefined) {
      customer.account = accountName ? await findOrCreateAccount(tx, accountName) : null;
    }
    applyChanges(customer, profile, ['name', 'preferredChannel', 'surveyConsent']);
    audit(
      tx,
      actor,
      'customer.update',
      { entityType: 'Customer', entityId: customer.id },
      givenFields(input, ['customerId']),
    );
    return customer;
  });
}

/** Checks the unique profile fields first so the caller gets the field at fault, not a DB error. */
async function assertUnique(
  tx: EntityManager,
  input: Partial<Record<'email' | 'slackUserId' | 'discordUserId', string | null | undefined>>,
  selfId: number | null,
) {
  for (const field of ['email', 'slackUserId', 'discordUserId'] as const)
    await assertUnused(tx, Customer, field, input[field], selfId);
}

async function findOrCreateAccount(tx: EntityManager, name: string): Promise<Account> {
  await tx
    .getConnection()
    .execute(
      'insert into account (name, created_at) values (?, now()) on conflict (name) do nothing',
      [name],
      'run',
      tx.getTransactionContext(),
    );
  return tx.findOneOrFail(Account, { name });
}

function withoutNullish<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v != null)) as never;
}
