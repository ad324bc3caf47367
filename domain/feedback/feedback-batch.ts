import type { Connection, EntityManager, Transaction } from '@mikro-orm/postgresql';
import type { CustomerScope } from '../access/access.ts';
import { GroupCommit } from '../data/group-commit.ts';
import { pgArray } from '../data/pg-array.ts';
import { needsRecoverySql, stillRecoverableSql } from '../tickets/recovery-rule.ts';
import { systemTicketEventsSql } from '../tickets/ticket-events.ts';
import { activeStatuses } from '../tickets/ticket-lifecycle.ts';
import { openTicketsSql } from '../tickets/ticket-opening.ts';
import { type FeedbackFields, feedbackColumns, feedbackColumnTypes, feedbackValues } from './feedback-columns.ts';

/** A new answer as the batch statement reads it: its feedback row and the scope of its caller. */
export type AnswerRow = Record<string, unknown>;

export function answerRow(input: FeedbackFields, submittedAt: Date, scope: CustomerScope): AnswerRow {
  const values = [input.customerId, ...feedbackValues(input, submittedAt)];
  const row: AnswerRow = { scope_team_id: scope.teamId ?? null, scope_customer_id: scope.customerId ?? null };
  for (const [i, [column]] of feedbackColumnTypes.entries()) row[column] = values[i];
  return row;
}

/** What was stored for an answer: rows for the caller's EntityManager to map. */
export interface StoredAnswer {
  feedback: Record<string, unknown>;
  /** The recovery ticket a low answer opened or was added to. */
  ticket: Record<string, unknown> | null;
}

/**
 * Stores a new answer, or says (null) that it is for the transactional path of submitFeedback: a
 * customer not found in the caller's scope, a key used before, or, when this answer is alone, a
 * low answer. Inside the caller's transaction the answer is written by that transaction. Otherwise
 * it joins the answers other requests send meanwhile (group commit, one per connection, in lanes
 * by customer), which are written together: one statement when the answer is alone, so no BEGIN or
 * COMMIT round trips; a transaction with the recovery tickets of its low answers when there are
 * several. A batch that fails (a deadlock with another process's batch, an answer PostgreSQL
 * refuses) leaves each of its answers to the transactional path, which stores it alone or says why
 * not.
 *
 * A batch never waits for a customer another session holds (SKIP LOCKED): a lane has one batch in
 * flight, so one locked customer would hold up every answer behind it. Such an answer goes to the
 * transactional path, which waits for that customer alone, up to the lock timeout.
 */
export async function storeTogether(
  em: EntityManager,
  answer: AnswerRow,
  lanes = defaultBatchLanes,
): Promise<StoredAnswer | null> {
  const connection = em.getConnection();
  if (em.isInTransaction()) {
    const [stored] = await storeAnswers(connection, [answer], { low: false, transaction: em.getTransactionContext() });
    return stored ?? null;
  }
  let groupCommit = groupCommits.get(connection);
  if (!groupCommit) {
    // A fork made now carries no request's identity map into later batches, and stays empty:
    // batches write rows and make no entities (a transaction forks it again).
    const root = em.fork();
    groupCommit = new GroupCommit((answers) => writeBatch(root, answers), { lanes });
    groupCommits.set(connection, groupCommit);
  }
  // By customer: a customer's answers keep to one lane, so batches in flight never share a customer
  // (nor the rollup row they add to: feedback_day has a shard per database session).
  return groupCommit.run(answer, answer.customer_id as number).catch(() => null);
}

/**
 * Batches a process writes at once (FEEDBACK_BATCH_LANES). One by default: more lanes make smaller
 * batches, so more statements and commits per answer, which costs the database more CPU than the
 * round trips they overlap save where it has no cores to spare (BENCHMARKS.md, figure 3a, measures
 * 4 lanes against 1).
 */
export const defaultBatchLanes = 1;

const groupCommits = new WeakMap<Connection, GroupCommit<AnswerRow, StoredAnswer | null>>();

function writeBatch(em: EntityManager, answers: AnswerRow[]): Promise<(StoredAnswer | null)[]> {
  if (answers.length === 1) return storeAnswers(em.getConnection(), answers, { low: false, skipLocked: true });
  return em.transactional((tx) => storeWithTickets(tx, answers, { skipLocked: true }));
}

/**
 * Stores new answers in the caller's transaction `tx`, with the recovery tickets of the low ones;
 * per answer, what it stored, or null for a customer not found in the caller's scope or a key
 * used before, and with `skipLocked`, for a customer another session holds.
 */
export async function storeWithTickets(
  tx: EntityManager,
  answers: AnswerRow[],
  { skipLocked = false } = {},
): Promise<(StoredAnswer | null)[]> {
  const transaction = tx.getTransactionContext();
  // Customers first and in id order, as both of submitFeedback's paths take them, then the rollup
  // rows (by the triggers, one per team and day): batches of several processes that share
  // customers wait for each other instead of deadlocking on them (a deadlock would fail the batch,
  // whose answers are then written one by one). It is a statement of its own so that the next one, started once the locks are held, sees
  // the recovery tickets that other writers of these customers committed meanwhile.
  const locked = await tx
    .getConnection()
    .execute<{ id: number }[]>(
      `select id from customer where id = any(?::int[]) order by id for no key update${skipLocked ? ' skip locked' : ''}`,
      [pgArray([...new Set(answers.map((answer) => answer.customer_id as number))])],
      'all',
      transaction,
    );
  const held = new Set(locked.map((row) => row.id));
  const ours = answers.filter((answer) => held.has(answer.customer_id as number));
  const stored = ours.length ? await storeAnswers(tx.getConnection(), ours, { low: true, transaction }) : [];
  let next = 0;
  return answers.map((answer) => (held.has(answer.customer_id as number) ? (stored[next++] ?? null) : null));
}

/**
 * One statement storing the answers whose customer is in their caller's scope and whose key is
 * new; with `low: false` only those that are not low. A low answer is added as a note to its
 * customer's active recovery ticket, or opens one (the first low answer of a customer without
 * one; the others are notes on it). Per answer, what it stored or null. Only the first of two
 * answers with one key is sent: the other then finds it as a replay or a conflict. (Triggers move
 * the customers' latest NPS and the analytics rollups once per statement: migrations
 * AnalyticsRollups and LatestNpsTrigger.)
 */
async function storeAnswers(
  connection: Connection,
  answers: AnswerRow[],
  options: { low: boolean; skipLocked?: boolean; transaction?: Transaction },
): Promise<(StoredAnswer | null)[]> {
  const keys = new Set<unknown>();
  const sent = new Set(
    answers.filter((answer) => !keys.has(answer.idempotency_key) && keys.add(answer.idempotency_key)),
  );
  const now = new Date();
  const rows: Record<string, unknown>[] = await connection.execute(
    `with a as (
       select a.*, c.team_id, t.nps_threshold, t.csat_threshold, t.ack_sla_hours, t.resolve_sla_hours
         from jsonb_to_recordset(?::jsonb) as a(${answerRecordType})
         join customer c on c.id = a.customer_id join team t on t.id = c.team_id
        where ${inScopeSql('c', 'a.scope_team_id', 'a.scope_customer_id')}
          ${options.low ? '' : `and not (${needsRecoverySql('a.nps', 'a.csat', 't')} and ${stillRecoverableSql('a.submitted_at')})`}
          ${options.skipLocked ? 'for no key update of c skip locked' : ''}),
     stored as (
       insert into feedback (${feedbackColumns}) select ${feedbackColumnTypes.map(([column]) => `a.${column}`).join(', ')} from a
       on conflict (idempotency_key) do nothing returning *),
     low as (
       select s.id as feedback_id, s.customer_id, a.team_id, a.ack_sla_hours, a.resolve_sla_hours,
              concat_ws(', ', 'NPS ' || s.nps, 'CSAT ' || s.csat) as scores
         from stored s join a on a.idempotency_key = s.idempotency_key
        where ${needsRecoverySql('s.nps', 's.csat', 'a')} and ${stillRecoverableSql('s.submitted_at')}),
     active as (
       select distinct on (t.customer_id) t.* from ticket t
        where t.customer_id in (select customer_id from low) and t.kind = 'SERVICE_RECOVERY' and t.status = any(?::text[])
        order by t.customer_id, t.created_at desc),
     opening as (
       select distinct on (l.customer_id) 'SERVICE_RECOVERY' as kind, l.team_id, l.customer_id, l.feedback_id,
              l.ack_sla_hours, l.resolve_sla_hours, 'Opened by low feedback: ' || l.scores as why, ?::timestamptz as at
         from low l where l.customer_id not in (select customer_id from active)
        order by l.customer_id, l.feedback_id),
     ${openTicketsSql('opening')},
     noted as (
       ${systemTicketEventsSql(`select coalesce(ac.id, o.id), 'NOTE', null::text, 'Another low answer arrived: ' || l.scores, ?::timestamptz
         from low l left join active ac on ac.customer_id = l.customer_id left join opened o on o.customer_id = l.customer_id
        where o.feedback_id is distinct from l.feedback_id
          -- Reading opened_events first writes them first: a ticket's events list in id order.
          and (select count(*) from opened_events) >= 0`)})
     select s.*, coalesce(to_jsonb(ac), to_jsonb(o)) as "$ticket"
       from stored s left join low l on l.feedback_id = s.id
       left join active ac on ac.customer_id = l.customer_id left join opened o on o.customer_id = l.customer_id`,
    [JSON.stringify([...sent]), pgArray(activeStatuses), now, now],
    'all',
    options.transaction,
  );
  const stored = new Map(
    rows.map(({ $ticket, ...feedback }): [unknown, StoredAnswer] => [
      feedback.idempotency_key,
      { feedback, ticket: ($ticket as Record<string, unknown> | null) ?? null },
    ]),
  );
  return answers.map((answer) => (sent.has(answer) ? (stored.get(answer.idempotency_key) ?? null) : null));
}

/**
 * SQL: the customer row `customer` is in a caller's scope, given as SQL expressions for its team
 * id and customer id (null: any; the access rules' CustomerScope).
 */
export function inScopeSql(customer: string, teamId: string, customerId: string): string {
  return `${customer}.team_id = coalesce(${teamId}, ${customer}.team_id) and ${customer}.id = coalesce(${customerId}, ${customer}.id)`;
}

const answerRecordType = [['scope_team_id', 'int'], ['scope_customer_id', 'int'], ...feedbackColumnTypes]
  .map(([column, type]) => `${column} ${type}`)
  .join(', ');
