import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../data/pg-array.ts';
import { overdueSql } from './ticket-lifecycle.ts';

/** What a queue screen shows per team: tickets waiting, and how many of them are past due. */
export interface QueueCounts {
  teamId: number;
  open: number;
  acknowledged: number;
  overdue: number;
}

/**
 * The live queue counts of the given teams (all teams when none are given), every team listed
 * even with nothing waiting. Overdue is a ticket's `overdue` (isOverdue, here as overdueSql).
 */
export async function queueCounts(em: EntityManager, teamIds: number[] | undefined, now = new Date()) {
  const rows: { team_id: number; open: string; acknowledged: string; overdue: string }[] = await em
    .getConnection()
    .execute(
      `select tm.id as team_id,
            count(t.id) filter (where t.status = 'OPEN') as open,
            count(t.id) filter (where t.status = 'ACKNOWLEDGED') as acknowledged,
            count(t.id) filter (where ${overdueSql('t')}) as overdue
       from team tm left join ticket t on t.team_id = tm.id and t.status in ('OPEN', 'ACKNOWLEDGED')
      where (?::int[] is null or tm.id = any(?::int[]))
      group by tm.id order by tm.id`,
      [now, now, teamIds ? pgArray(teamIds) : null, teamIds ? pgArray(teamIds) : null],
    );
  return rows.map(
    (row): QueueCounts => ({
      teamId: row.team_id,
      open: Number(row.open),
      acknowledged: Number(row.acknowledged),
      overdue: Number(row.overdue),
    }),
  );
}
