import { defineEntity, p } from '@mikro-orm/core';
import { contactChannels } from '../enums.ts';
import { Account } from './account.entity.ts';
import { Team } from './team.entity.ts';
import { Ticket } from './ticket.entity.ts';

export const CustomerSchema = defineEntity({
  name: 'Customer',
  indexes: [
    { properties: ['team', 'createdAt'] },
    { properties: ['createdAt'] },
    { properties: ['name'] },
    { properties: ['team', 'latestNps'] },
    { properties: ['city'] },
  ],
  properties: {
    id: p.integer().primary(),
    team: () => p.manyToOne(Team),
    account: () => p.manyToOne(Account).nullable().index(),
    name: p.string().length(200),
    email: p.string().length(254).nullable().unique(),
    city: p.string().length(120).nullable(),
    region: p.string().length(120).nullable(),
    birthDate: p.date().nullable(),
    preferredChannel: p.enum(contactChannels).default('EMAIL'),
    surveyConsent: p.boolean().default(true),
    slackUserId: p.string().length(64).nullable().unique(),
    discordUserId: p.string().length(64).nullable().unique(),
    // Denormalised from the newest NPS answer so lists can filter and sort on it with an index;
    // kept by the feedback_latest_nps trigger (migration LatestNpsTrigger), in the same transaction
    // as the answer, whichever path writes it.
    latestNps: p.smallint().nullable(),
    latestNpsAt: p.datetime().nullable(),
    // Kept by the purchase trigger (migration Analytics): "bought in the last N days" is an indexed filter.
    lastPurchaseAt: p.datetime().nullable().index(),
    // The churn risk (0-100) when last evaluated (evaluateChurn): a win-back opens when it
    // crosses the threshold upwards, and segments can filter on it.
    churnRisk: p.smallint().nullable(),
    churnRiskAt: p.datetime().nullable().index(),
    // Sort keys of the list that are never null, so that keyset cursors page through customers
    // without an answer, a purchase or an evaluation (they sort lowest). Kept by PostgreSQL; nullable
    // only so that creating a customer need not give them.
    latestNpsSort: p.smallint().generated('(coalesce(latest_nps, -1)) stored').nullable(),
    lastPurchaseSort: p
      .datetime()
      .generated("(coalesce(last_purchase_at, '0001-01-01 00:00:00+00'::timestamptz)) stored")
      .nullable(),
    churnRiskSort: p.smallint().generated('(coalesce(churn_risk, -1)) stored').nullable(),
    // Who brought this customer in: referrals make a true ambassador.
    referredBy: () => p.manyToOne(Customer).nullable().index(),
    idempotencyKey: p.string().length(200).nullable().unique(),
    /** The customer's id in the system they were imported from (a CRM, a webshop): imports match on it. */
    externalRef: p.string().length(200).nullable().unique(),
    // Set when the customer's personal data was erased; their scores and purchases remain, anonymous.
    erasedAt: p.datetime().nullable(),
    tickets: () => p.oneToMany(Ticket).mappedBy('customer'),
    createdAt: p.datetime().onCreate(() => new Date()),
    // Indexed for polling clients: `updatedSince` and the UPDATED_AT sorts.
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date())
      .index(),
  },
});

export class Customer extends CustomerSchema.class {}
CustomerSchema.setClass(Customer);
