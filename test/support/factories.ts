import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, Product, Purchase, Team, TeamMember } from '../../db/entities/index.ts';
import type { MemberRole, TokenRole } from '../../db/enums.ts';
import { issueToken } from '../../domain/access/api-tokens.ts';

const unique = () => randomUUID().slice(0, 8);

/** Test data that each test makes for itself, so that tests never depend on one another. */
export async function makeTeam(
  em: EntityManager,
  overrides: Partial<Pick<Team, 'npsThreshold' | 'csatThreshold' | 'ackSlaHours'>> = {},
) {
  const team = em.create(Team, { name: `Team ${unique()}`, ...overrides });
  await em.flush();
  return team;
}

export async function makeMember(em: EntityManager, team: Team, role: MemberRole = 'ACCOUNT_MANAGER') {
  const id = unique();
  const member = em.create(TeamMember, { team, name: `Member ${id}`, email: `member.${id}@example.test`, role });
  await em.flush();
  return member;
}

export async function makeCustomer(em: EntityManager, team: Team, overrides: Partial<Customer> = {}) {
  const id = unique();
  const customer = em.create(Customer, {
    team,
    name: `Customer ${id}`,
    email: `customer.${id}@example.test`,
    ...overrides,
  });
  await em.flush();
  return customer;
}

export async function makeProduct(em: EntityManager) {
  const product = em.create(Product, { sku: `SKU-${unique()}`, name: 'Test product', listPrices: { EUR: 1000 } });
  await em.flush();
  return product;
}

/** An API token; with a member, the token acts as that member. */
export async function makeToken(em: EntityManager, role: TokenRole = 'ADMIN', member: TeamMember | null = null) {
  const { secret } = await issueToken(em, { name: `test ${role}`, role, memberEmail: member?.email ?? null });
  return secret;
}

/** A monthly buying habit: a 20.00 EUR purchase every 30 days from `fromDaysAgo` to `toDaysAgo`. */
export async function makeMonthlyPurchases(
  em: EntityManager,
  customer: Customer,
  fromDaysAgo: number,
  toDaysAgo: number,
) {
  const product = await makeProduct(em);
  for (let days = fromDaysAgo; days >= toDaysAgo; days -= 30) {
    em.create(Purchase, {
      customer,
      product,
      quantity: 1,
      amountMinor: 2000,
      currency: 'EUR',
      purchasedAt: new Date(Date.now() - days * 86_400_000),
    });
  }
  await em.flush();
}
