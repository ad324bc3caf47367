import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import {
  Account,
  AuditEntry,
  type ChatDelivery,
  Customer,
  Feedback,
  Product,
  Purchase,
  RewardEntry,
  Segment,
  Team,
  TeamMember,
  Ticket,
  TicketEvent,
} from '../db/entities/index.ts';
import { alertsOfTickets } from '../domain/chat/outbox.ts';
import { customerFiguresLoader } from '../domain/customers/customer-figures.ts';
import { type ChildPageSpec, childPageLoader } from '../domain/data/child-pages.ts';
import { rowsByIds } from '../domain/data/rows-by-ids.ts';
import { type CustomerLoyalty, customerLoyalty } from '../domain/loyalty/customer-loyalty.ts';
import { type LoyaltyFacts, loadLoyaltyFacts } from '../domain/loyalty/loyalty-facts.ts';
import { type RewardStanding, rewardStandings } from '../domain/rewards/reward-service.ts';
import { membersOfTeams } from '../domain/teams/team-service.ts';

/** Loads rows by primary key, all keys of one tick in one statement. */
function byId<T extends { id: number }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<number, T | null>((ids) => rowsByIds(em, entity, ids));
}

/** A customer's feedback, newest first. */
export const customerFeedbackPages: ChildPageSpec<Feedback> = {
  entity: Feedback,
  parent: 'customer',
  orderBy: 'submittedAt',
};

/** A customer's tickets, newest first, optionally in some statuses. */
export const customerTicketPages: ChildPageSpec<Ticket> = {
  entity: Ticket,
  parent: 'customer',
  orderBy: 'createdAt',
  filterBy: 'status',
};

/** Per-request loaders: created with the request's EntityManager fork, dropped with it. */
export function createLoaders(em: EntityManager) {
  return {
    account: byId(em, Account),
    customer: byId(em, Customer),
    feedback: byId(em, Feedback),
    member: byId(em, TeamMember),
    product: byId(em, Product),
    purchase: byId(em, Purchase),
    segment: byId(em, Segment),
    team: byId(em, Team),
    ticket: byId(em, Ticket),
    ticketEvent: byId(em, TicketEvent),
    rewardEntry: byId(em, RewardEntry),
    auditEntry: byId(em, AuditEntry),
    customerFigures: customerFiguresLoader(em),
    customerLoyalty: new DataLoader<number, CustomerLoyalty>(async (ids) => {
      const facts = await loadLoyaltyFacts(em, ids);
      return ids.map((id) => customerLoyalty(facts.get(id) as LoyaltyFacts));
    }),
    customerRewards: new DataLoader<number, RewardStanding>((ids) => rewardStandings(em, ids)),
    customerRewardEntries: childPageLoader(em, { entity: RewardEntry, parent: 'customer', orderBy: 'createdAt' }),
    customerFeedback: childPageLoader(em, customerFeedbackPages),
    customerPurchases: childPageLoader(em, { entity: Purchase, parent: 'customer', orderBy: 'purchasedAt' }),
    customerTickets: childPageLoader(em, customerTicketPages),
    ticketEvents: childPageLoader(em, { entity: TicketEvent, parent: 'ticket', orderBy: 'createdAt' }),
    /** The ALERT deliveries of tickets, whose messages reminders reply to. */
    ticketAlerts: new DataLoader<number, ChatDelivery[]>((ticketIds) => alertsOfTickets(em, ticketIds)),
    teamMembers: new DataLoader<number, TeamMember[]>((teamIds) => membersOfTeams(em, teamIds)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
