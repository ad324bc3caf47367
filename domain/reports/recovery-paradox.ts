import type { EntityManager } from '@mikro-orm/postgresql';
import { type NpsCounts, netPromoterScore } from '../loyalty/kpi-formulas.ts';
import { ValidationError } from '../shared/errors.ts';
import type { ReportScope } from './report-scope.ts';
import { scopeSql } from './report-scope.ts';

export interface RecoveryGroup {
  /** Recovery tickets resolved in the range whose opening answer had an NPS. */
  tickets: number;
  /** Of those, how many customers answered NPS again after the resolution (within 90 days). */
  followedUp: number;
  averageBefore: number | null;
  averageAfter: number | null;
  /** Mean of (score after − score before) over the followed-up tickets. */
  averageEffect: number | null;
  /** NPS of the answers after recovery. */
  npsAfter: number | null;
}

export interface RecoveryParadox {
  all: RecoveryGroup;
  /** Handled by the book: acknowledged within its deadline, apologised, resolved within its deadline. */
  handledWell: RecoveryGroup;
  handledOtherwise: RecoveryGroup;
  /** NPS in the same range of customers (in scope) who never had a recovery ticket, and its n. */
  neverComplained: { n: number; nps: number | null };
}

type Row = Record<string, string | number | null>;
const num = (value: unknown) => (value == null ? null : Number(value));

function group(row: Row | undefined): RecoveryGroup {
  const counts: NpsCounts = {
    promoters: Number(row?.promoters ?? 0),
    passives: Number(row?.passives ?? 0),
    detractors: Number(row?.detractors ?? 0),
  };
  return {
    tickets: Number(row?.tickets ?? 0),
    followedUp: Number(row?.followed_up ?? 0),
    averageBefore: num(row?.before),
    averageAfter: num(row?.after),
    averageEffect: num(row?.effect),
    npsAfter: netPromoterScore(counts),
  };
}

/**
 * The service recovery paradox, measured: for recovery tickets resolved in [from, to), the first
 * NPS answer after resolution against the one that opened the ticket, split by how the ticket was
 * handled, next to the NPS of customers who never complained.
 */
export async function recoveryParadox(
  em: EntityManager,
  options: { scope: ReportScope; from: Date; to: Date },
): Promise<RecoveryParadox> {
  if (!(options.from < options.to)) throw new ValidationError('from must be before to', 'from');
  const scope = scopeSql(em, options.scope);
  const connection = em.getConnection();
  const groups = await connection.execute<Row[]>(
    `with recovered as (
       select t.id, opening.nps as before,
              coalesce(t.acknowledged_at <= t.ack_due_at and t.resolved_at <= t.resolve_due_at
                and exists (select 1 from ticket_event e where e.ticket_id = t.id and e.type = 'APOLOGISED'), false) as well,
              (select f.nps from feedback f
                where f.customer_id = t.customer_id and f.nps is not null
                  and f.submitted_at > t.resolved_at and f.submitted_at <= t.resolved_at + interval '90 days'
                order by f.submitted_at limit 1) as after
         from ticket t join feedback opening on opening.id = t.feedback_id
        where t.kind = 'SERVICE_RECOVERY' and t.resolved_at >= ? and t.resolved_at < ? and opening.nps is not null
              ${scope.customer('t')})
     select grouping(well) as total, well, count(*) as tickets, count(after) as followed_up,
            avg(before) filter (where after is not null)::float as before, avg(after)::float as after,
            avg(after - before)::float as effect,
            count(*) filter (where after >= 9) as promoters, count(*) filter (where after between 7 and 8) as passives,
            count(*) filter (where after <= 6) as detractors
       from recovered group by rollup (well)`,
    [options.from, options.to, ...scope.params],
  );
  const [baseline] = await connection.execute<Row[]>(
    `select count(*) as n, count(*) filter (where f.nps >= 9) as promoters,
            count(*) filter (where f.nps between 7 and 8) as passives, count(*) filter (where f.nps <= 6) as detractors
       from feedback f
      where f.nps is not null and f.submitted_at >= ? and f.submitted_at < ? ${scope.customer('f')}
        and not exists (select 1 from ticket t where t.customer_id = f.customer_id and t.kind = 'SERVICE_RECOVERY')`,
    [options.from, options.to, ...scope.params],
  );
  const find = (total: number, well: boolean | null) =>
    groups.find((row) => Number(row.total) === total && (well === null || Boolean(row.well) === well));
  return {
    all: group(find(1, null)),
    handledWell: group(find(0, true)),
    handledOtherwise: group(find(0, false)),
    neverComplained: {
      n: Number(baseline?.n ?? 0),
      nps: netPromoterScore({
        promoters: Number(baseline?.promoters ?? 0),
        passives: Number(baseline?.passives ?? 0),
        detractors: Number(baseline?.detractors ?? 0),
      }),
    },
  };
}
