import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken, ChatDelivery, Customer, Feedback, Purchase, Ticket, TicketEvent } from '../../db/entities/index.ts';
import type { Actor } from '../access/actor.ts';
import { audit } from '../access/audit.ts';
import { customerNotFound, findCustomer } from './find-customer.ts';

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;

/**
 * Everything loyalty-loop holds about one customer, as one JSON document (the right of access).
 * The export itself is audited: reading all of a person's data is an event worth recording.
 */
export async function exportCustomer(em: EntityManager, customerId: number, actor: Actor) {
  return em.transactional(async (tx) => {
    const customer = await tx.findOne(Customer, customerId, { populate: ['team', 'account'] });
    if (!customer) throw customerNotFound('customerId');
    const [purchases, feedback, tickets] = await Promise.all([
      tx.find(Purchase, { customer }, { populate: ['product'], orderBy: { purchasedAt: 'asc' } }),
      tx.find(Feedback, { customer }, { orderBy: { submittedAt: 'asc' } }),
      tx.find(Ticket, { customer }, { orderBy: { createdAt: 'asc' } }),
    ]);
    const events = await tx.find(TicketEvent, { ticket: { $in: tickets } }, { orderBy: { createdAt: 'asc' } });
    audit(tx, actor, 'customer.export', { entityType: 'Customer', entityId: customer.id });
    return {
      exportedAt: new Date().toISOString(),
      profile: {
        id: customer.id,
        name: customer.name,
        email: customer.email ?? null,
        company: customer.account?.name ?? null,
        city: customer.city ?? null,
        region: customer.region ?? null,
        birthDate: customer.birthDate ?? null,
        preferredChannel: customer.preferredChannel,
        surveyConsent: customer.surveyConsent,
        slackUserId: customer.slackUserId ?? null,
        discordUserId: customer.discordUserId ?? null,
        accountTeam: customer.team.name,
        createdAt: iso(customer.createdAt),
        erasedAt: iso(customer.erasedAt),
      },
      purchases: purchases.map((p) => ({
        product: p.product.name,
        sku: p.product.sku,
        quantity: p.quantity,
        amountMinor: p.amountMinor,
        currency: p.currency,
        purchasedAt: iso(p.purchasedAt),
      })),
      feedback: feedback.map((f) => ({
        nps: f.nps ?? null,
        csat: f.csat ?? null,
        intentKeepBuying: f.intentKeepBuying ?? null,
        intentBuyMore: f.intentBuyMore ?? null,
        brandImage: f.brandImage ?? null,
        needsMet: f.needsMet ?? null,
        comment: f.comment ?? null,
        channel: f.channel,
        submittedAt: iso(f.submittedAt),
      })),
      tickets: tickets.map((t) => ({
        kind: t.kind,
        status: t.status,
        openedAt: iso(t.createdAt),
        resolution: t.resolution ?? null,
        history: events
          .filter((e) => e.ticket.id === t.id)
          .map((e) => ({ type: e.type, note: e.note ?? null, by: e.actorName, via: e.channel, at: iso(e.createdAt) })),
      })),
    };
  });
}

export const erasedNote = '[erased]';

/**
 * Erases a customer's personal data (the right to be forgotten): the profile is anonymised,
 * free text they wrote or that was written about them is removed, their tokens are revoked and
 * surveys not yet sent are dropped. Scores and purchases stay, anonymous, so aggregates do not change.
 * Idempotent: erasing an erased customer changes nothing more.
 */
export async function eraseCustomer(em: EntityManager, customerId: number, actor: Actor): Promise<Customer> {
  return em.transactional(async (tx) => {
    const customer = await findCustomer(tx, customerId);
    if (customer.erasedAt) return customer;
    Object.assign(customer, {
      name: `Erased customer #${customer.id}`,
      // The account (a company, not personal data) stays: the account's reports keep this history.
      email: null,
      city: null,
      region: null,
      birthDate: null,
      slackUserId: null,
      discordUserId: null,
      idempotencyKey: null,
      surveyConsent: false,
      erasedAt: new Date(),
    });
    await tx.nativeUpdate(Feedback, { customer }, { comment: null });
    const tickets = await tx.find(Ticket, { customer });
    await tx.nativeUpdate(Ticket, { customer }, { resolution: null });
    await tx.nativeUpdate(TicketEvent, { ticket: { $in: tickets }, note: { $ne: null } }, { note: erasedNote });
    await tx.nativeUpdate(ApiToken, { customer, revokedAt: null }, { revokedAt: new Date() });
    await tx.nativeDelete(ChatDelivery, { customer, messageRef: null });
    audit(tx, actor, 'customer.erase', { entityType: 'Customer', entityId: customer.id });
    return customer;
  });
}
