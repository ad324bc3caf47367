import type { EntityManager } from '@mikro-orm/core';
import { type Customer, Feedback, type Team, type TeamMember, Ticket, TicketEvent } from '../entities/index.ts';
import { feedbackChannels, type TicketStatus } from '../enums.ts';
import type { Random } from './random.ts';

const comments = {
  low: [
    'Levering was een week te laat.',
    'Machine lekt na twee weken.',
    'Niemand nam de telefoon op.',
    'Verkeerde bonen ontvangen.',
    'Factuur klopte niet.',
  ],
  mid: ['Prima, maar de verzendkosten zijn hoog.', 'Goede koffie, website is traag.', 'Oké service.'],
  high: ['Top service, snel geleverd!', 'Beste koffie die ik ken.', 'Vriendelijk en behulpzaam.'],
};

const day = 86_400_000;
const hour = 3_600_000;

/**
 * Feedback over the last year, about one in five low. Each customer's low answers get a ticket
 * the way the product opens them; older tickets are further along their lifecycle.
 */
export function seedFeedback(
  em: EntityManager,
  random: Random,
  customers: Customer[],
  teams: { team: Team; members: TeamMember[] }[],
  count: number,
  now: Date,
) {
  const answers = Array.from({ length: count }, (_, i) => {
    const customer = random.pick(customers);
    const low = random.chance(0.2);
    const nps = low ? random.int(0, 6) : random.int(7, 10);
    const submittedAt = new Date(now.getTime() - random.int(0, 364) * day - random.int(0, day - 1));
    return em.create(Feedback, {
      customer,
      nps,
      csat: random.chance(0.7) ? Math.max(1, Math.min(5, Math.round(nps / 2))) : null,
      intentKeepBuying: random.chance(0.5) ? Math.max(1, Math.round(nps / 2)) : null,
      intentBuyMore: random.chance(0.5) ? Math.max(1, Math.round(nps / 2.5)) : null,
      brandImage: random.chance(0.5) ? Math.max(1, Math.round(nps / 2)) : null,
      needsMet: random.chance(0.5) ? Math.max(1, Math.round(nps / 2)) : null,
      comment: random.chance(0.5) ? random.pick(low ? comments.low : nps >= 9 ? comments.high : comments.mid) : null,
      channel: random.pick(feedbackChannels),
      submittedAt,
      idempotencyKey: `demo-feedback-${i}`,
    });
  });
  answers.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());

  const active = new Set<Customer>();
  for (const feedback of answers) {
    const customer = feedback.customer;
    if (feedback.nps != null) {
      customer.latestNps = feedback.nps;
      customer.latestNpsAt = feedback.submittedAt;
    }
    const team = customer.team;
    const low = (feedback.nps ?? 10) <= team.npsThreshold || (feedback.csat ?? 5) <= team.csatThreshold;
    if (!low || active.has(customer)) continue;
    const members = teams.find((entry) => entry.team === team)?.members ?? [];
    const ageDays = (now.getTime() - feedback.submittedAt.getTime()) / day;
    const status = statusForAge(ageDays, random);
    if (status === 'OPEN' || status === 'ACKNOWLEDGED') active.add(customer);
    seedTicket(em, random, feedback, status, random.pick(members));
  }
}

function statusForAge(ageDays: number, random: Random): TicketStatus {
  if (ageDays < 2) return random.chance(0.5) ? 'OPEN' : 'ACKNOWLEDGED';
  if (ageDays < 10) return random.pick(['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const);
  return random.chance(0.75) ? 'CLOSED' : 'RESOLVED';
}

function seedTicket(em: EntityManager, random: Random, feedback: Feedback, status: TicketStatus, member: TeamMember) {
  const team = feedback.customer.team;
  const opened = feedback.submittedAt;
  const at = (hours: number) => new Date(opened.getTime() + hours * hour);
  const acknowledgedAt = status === 'OPEN' ? null : at(random.int(1, 30));
  const resolvedAt = status === 'RESOLVED' || status === 'CLOSED' ? at(random.int(31, 96)) : null;
  const closedAt = status === 'CLOSED' ? at(random.int(97, 200)) : null;
  const ticket = em.create(Ticket, {
    kind: 'SERVICE_RECOVERY',
    status,
    team,
    customer: feedback.customer,
    feedback,
    assignee: acknowledgedAt ? member : null,
    ackDueAt: at(team.ackSlaHours),
    resolveDueAt: at(team.resolveSlaHours),
    acknowledgedAt,
    resolvedAt,
    closedAt,
    resolution: resolvedAt ? 'Excuses aangeboden, vervangend product gestuurd en tegoed gegeven.' : null,
    createdAt: opened,
    updatedAt: closedAt ?? resolvedAt ?? acknowledgedAt ?? opened,
  });
  const event = (
    type: TicketEvent['type'],
    createdAt: Date,
    from: TicketStatus | null,
    to: TicketStatus,
    note: string | null,
    by: TeamMember | null,
  ) =>
    em.create(TicketEvent, {
      ticket,
      type,
      createdAt,
      fromStatus: from,
      toStatus: to,
      note,
      actor: by,
      actorName: by?.name ?? 'loyalty-loop',
      channel: by ? random.pick(['API', 'SLACK', 'DISCORD'] as const) : 'SYSTEM',
    });
  event('OPENED', opened, null, 'OPEN', `Opened by low feedback: NPS ${feedback.nps}`, null);
  if (acknowledgedAt)
    event('ACKNOWLEDGED', acknowledgedAt, 'OPEN', 'ACKNOWLEDGED', 'Klant gebeld, excuses aangeboden.', member);
  if (resolvedAt) event('RESOLVED', resolvedAt, 'ACKNOWLEDGED', 'RESOLVED', ticket.resolution ?? null, member);
  if (closedAt) event('CLOSED', closedAt, 'RESOLVED', 'CLOSED', null, member);
}
