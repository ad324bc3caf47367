import { type EntityManager, raw } from '@mikro-orm/postgresql';
import { ChatDelivery, type Ticket } from '../../db/entities/index.ts';
import type { ChatPlatform } from '../../db/enums.ts';
import { findPage, type Page, type PageArgs } from '../data/pagination.ts';
import { NotFoundError } from '../shared/errors.ts';

export interface DeliveryPolicy {
  /** How long a claimed delivery stays with one worker before another may take it over. */
  leaseSeconds: number;
  /** Failed attempts after which a delivery is given up on (a dead letter an admin can retry). */
  maxAttempts: number;
}

export const defaultDeliveryPolicy: DeliveryPolicy = { leaseSeconds: 30, maxAttempts: 10 };

/** Where a delivery stands: still owed, done (the message shows the ticket as it is), or given up on. */
export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

const owedSql = `case when kind = 'ALERT' then wanted_version > posted_version else message_ref is null end`;

export function deliveryStatus(delivery: ChatDelivery): DeliveryStatus {
  if (delivery.failedAt) return 'FAILED';
  const owed = delivery.kind === 'ALERT' ? delivery.wantedVersion > delivery.postedVersion : !delivery.messageRef;
  return owed ? 'PENDING' : 'DELIVERED';
}

/** Exponential backoff for failed deliveries: 2 s, 4 s, 8 s ... capped at 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(1, attempts));
}

const reminderSql = (kind: 'REMINDER' | 'ESCALATION', due: string) => `
  insert into chat_delivery (dedupe_key, platform, kind, ticket_id, target, next_attempt_at, created_at, updated_at)
  select '${kind.toLowerCase()}:' || t.id || ':' || a.platform, a.platform, '${kind}', t.id, a.target, now(), now(), now()
    from ticket t join chat_delivery a on a.ticket_id = t.id and a.kind = 'ALERT'
   where t.status = 'OPEN' and ${due} and a.message_ref is not null and a.failed_at is null
  on conflict (dedupe_key) do nothing`;

/**
 * Queues a reminder in the alert's thread for tickets whose acknowledgement deadline is less than
 * `leadMinutes` away, and an escalation to the team lead for those past it. Idempotent (dedupe
 * keys), so any number of processes may run it. Only under an alert that is in the chat: one not
 * posted yet gets its reminder from a later sweep, and one given up on (a dead letter) has no
 * thread to remind in, where a reminder would otherwise wait for it for ever.
 */
export async function queueDueReminders(em: EntityManager, leadMinutes: number): Promise<void> {
  const connection = em.getConnection();
  await connection.execute(
    reminderSql('REMINDER', `t.ack_due_at > now() and t.ack_due_at <= now() + make_interval(mins => ?)`),
    [leadMinutes],
    'run',
  );
  await connection.execute(reminderSql('ESCALATION', 't.ack_due_at <= now()'), [], 'run');
}

/** After a ticket changed: its alerts are due again, to be edited to show the new version. */
export async function ticketAlertsOutdated(tx: EntityManager, ticket: Ticket): Promise<void> {
  await tx.nativeUpdate(
    ChatDelivery,
    { ticket: ticket.id, kind: 'ALERT', wantedVersion: { $lt: ticket.version } },
    { wantedVersion: ticket.version, nextAttemptAt: new Date() },
  );
}

/**
 * Hands up to `limit` due deliveries of one platform to the calling worker, each leased for
 * `leaseSeconds`. SKIP LOCKED lets any number of workers claim side by side without taking the
 * same row; a worker that dies lets its lease run out and another picks the row up.
 */
export async function claimDeliveries(
  em: EntityManager,
  platform: ChatPlatform,
  limit: number,
  policy: DeliveryPolicy,
): Promise<ChatDelivery[]> {
  const rows = await em.getConnection().execute<Record<string, unknown>[]>(
    `update chat_delivery d
        set locked_until = now() + make_interval(secs => ?), attempts = d.attempts + 1, updated_at = now()
      where d.id in (
        select id from chat_delivery
         where platform = ? and next_attempt_at <= now() and (locked_until is null or locked_until < now())
           and failed_at is null and ${owedSql}
         order by next_attempt_at, id
         limit ? for update skip locked)
      returning d.*`,
    [policy.leaseSeconds, platform, Math.min(Math.max(limit, 1), 100)],
    'all',
  );
  return rows.map((row) => em.map(ChatDelivery, row as never));
}

/** Records what the worker posted; an alert whose ticket moved on meanwhile stays due. */
export async function completeDelivery(
  em: EntityManager,
  id: number,
  result: { messageRef: string; postedVersion?: number | null },
): Promise<ChatDelivery> {
  const delivery = await findDelivery(em, id);
  delivery.messageRef = result.messageRef;
  delivery.postedVersion = Math.max(delivery.postedVersion, result.postedVersion ?? delivery.wantedVersion);
  delivery.lockedUntil = null;
  delivery.attempts = 0;
  delivery.lastError = null;
  delivery.failedAt = null;
  await em.flush();
  return delivery;
}

/**
 * Schedules the next try: after the platform's Retry-After when it sent one, else with backoff. A
 * permanent failure, or the last of `maxAttempts`, makes the delivery a dead letter instead.
 */
export async function failDelivery(
  em: EntityManager,
  id: number,
  failure: { error: string; retryAfterSeconds?: number | null; permanent?: boolean | null },
  policy: DeliveryPolicy = defaultDeliveryPolicy,
): Promise<ChatDelivery> {
  const delivery = await findDelivery(em, id);
  const delay = failure.retryAfterSeconds ?? retryDelaySeconds(delivery.attempts);
  delivery.nextAttemptAt = new Date(Date.now() + delay * 1000);
  delivery.lockedUntil = null;
  delivery.lastError = failure.error.slice(0, 2000);
  // A 429 is the platform asking us to wait, not a failed attempt.
  const givenUp = failure.permanent || (failure.retryAfterSeconds == null && delivery.attempts >= policy.maxAttempts);
  if (givenUp) delivery.failedAt = new Date();
  await em.flush();
  return delivery;
}

/** An admin's retry of a dead letter: due at once, with a fresh count of attempts. */
export async function retryDelivery(em: EntityManager, id: number): Promise<ChatDelivery> {
  const delivery = await findDelivery(em, id);
  Object.assign(delivery, { failedAt: null, attempts: 0, nextAttemptAt: new Date(), lockedUntil: null });
  await em.flush();
  return delivery;
}

/** Deliveries by status and platform, newest first (dead letters for operators, mostly). */
export function listDeliveries(
  em: EntityManager,
  filter: { status?: DeliveryStatus | null; platform?: ChatPlatform | null },
  page: PageArgs,
): Promise<Page<ChatDelivery>> {
  const byStatus = {
    FAILED: { failedAt: { $ne: null } },
    PENDING: { failedAt: null, [raw(`(${owedSql})`)]: true },
    DELIVERED: { failedAt: null, [raw(`(${owedSql})`)]: false },
  };
  const where = {
    ...(filter.platform && { platform: filter.platform }),
    ...(filter.status && byStatus[filter.status]),
  };
  return findPage(em, ChatDelivery, where as never, { createdAt: 'desc' }, page);
}

async function findDelivery(em: EntityManager, id: number): Promise<ChatDelivery> {
  const delivery = await em.findOne(ChatDelivery, id);
  if (!delivery) throw new NotFoundError('No chat delivery with this id.', 'input.deliveryId');
  return delivery;
}

/** How many messages wait for delivery, and how many were given up on, per platform (for monitoring). */
export async function deliveryBacklog(
  em: EntityManager,
): Promise<{ platform: string; pending: number; failed: number }[]> {
  return em.getConnection().execute(
    `select platform, count(*) filter (where failed_at is null and ${owedSql})::int as pending,
            count(*) filter (where failed_at is not null)::int as failed
       from chat_delivery group by platform`,
  );
}

/**
 * The id of the ticket whose alert is this chat message, if any (thread replies become its notes).
 * A Slack ts is unique only within its channel, so Slack lookups name the channel too.
 */
export async function ticketOfAlertMessage(
  em: EntityManager,
  platform: ChatPlatform,
  messageRef: string,
  channel?: string | null,
): Promise<number | null> {
  const alert = await em.findOne(ChatDelivery, {
    platform,
    messageRef,
    kind: 'ALERT',
    ...(channel && { target: channel }),
  });
  return alert?.ticket?.id ?? null;
}

/** The ALERT deliveries of each ticket, in the order of `ticketIds` (for a batch loader). */
export async function alertsOfTickets(em: EntityManager, ticketIds: readonly number[]): Promise<ChatDelivery[][]> {
  const alerts = await em.find(ChatDelivery, { ticket: { $in: [...ticketIds] }, kind: 'ALERT' });
  return ticketIds.map((id) => alerts.filter((alert) => alert.ticket?.id === id));
}
