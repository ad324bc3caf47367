import { Migration } from '@mikro-orm/migrations';

// The answers' additive columns of feedback_day and their expressions over a feedback row `r`, as
// the AnalyticsRollups migration wrote them. Written out here, not imported, so that this
// migration stays what it was when it ran.
const trackerColumns = ['intent_keep_buying', 'intent_buy_more', 'brand_image', 'needs_met'];
const feedbackCounts: [string, string][] = [
  ['promoters', 'count(*) filter (where r.nps >= 9)'],
  ['passives', 'count(*) filter (where r.nps between 7 and 8)'],
  ['detractors', 'count(*) filter (where r.nps <= 6)'],
  ['csat_n', 'count(r.csat)'],
  ['csat_satisfied', 'count(*) filter (where r.csat >= 4)'],
  ...trackerColumns.flatMap((column): [string, string][] => [
    [`${column}_n`, `count(r.${column})`],
    [`${column}_sum`, `coalesce(sum(r.${column}), 0)`],
    [`${column}_top2`, `count(*) filter (where r.${column} >= 4)`],
  ]),
];
const columns = feedbackCounts.map(([column]) => column).join(', ');
const signed = feedbackCounts.map(([, expression]) => `p_sign * ${expression}`).join(', ');
const accumulate = feedbackCounts.map(([column]) => `${column} = d.${column} + excluded.${column}`).join(', ');
const sums = feedbackCounts.map(([column]) => `sum(${column})`).join(', ');

/**
 * feedback_day gets a shard per database session: every session adds its answers to a row of its
 * own (its backend pid), so that no session waits for another's uncommitted rollup row (a team's
 * busiest row, held by every writer from insert to commit, and by a paused process until its
 * session is ended). Readers sum a day's rows, as they already sum days into periods.
 * compact_feedback_days() folds the shards of past days into shard 0; the API runs it hourly.
 */
export class Migration20261130120800_FeedbackDayShards extends Migration {
  override name = 'Migration20261130120800_FeedbackDayShards';

  override up(): void | Promise<void> {
    this.addSql(`alter table "feedback_day" add column "shard" int not null default 0;`);
    this.addSql(`alter table "feedback_day" drop constraint "feedback_day_pkey";`);
    this.addSql(
      `alter table "feedback_day" add constraint "feedback_day_pkey" primary key ("team_id", "day", "shard");`,
    );
    this.addSql(`alter table "feedback_day" alter column "shard" drop default;`);
    this.addSql(`create or replace function feedback_day_add(p_team int, p_sign int, p_rows feedback[]) returns void
      language sql as $$
        insert into feedback_day as d (team_id, day, shard, ${columns})
        select p_team, (r.submitted_at at time zone 'UTC')::date, pg_backend_pid(), ${signed} from unnest(p_rows) r group by 2
        on conflict (team_id, day, shard) do update set ${accumulate}
      $$;`);
    this.addSql(`create function compact_feedback_days() returns void language sql as $$
        with moved as (
          delete from feedback_day where day < (now() at time zone 'UTC')::date and shard <> 0 returning *)
        insert into feedback_day as d (team_id, day, shard, ${columns})
        select team_id, day, 0, ${sums} from moved group by team_id, day
        on conflict (team_id, day, shard) do update set ${accumulate}
      $$;`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop function compact_feedback_days();');
    this.addSql(`create table feedback_day_merged as
      select team_id, day, ${sums
        .split(', ')
        .map((s, i) => `${s}::int as ${feedbackCounts[i]![0]}`)
        .join(', ')}
        from feedback_day group by team_id, day;`);
    this.addSql('delete from feedback_day;');
    this.addSql(`alter table "feedback_day" drop constraint "feedback_day_pkey";`);
    this.addSql(`alter table "feedback_day" drop column "shard";`);
    this.addSql(`alter table "feedback_day" add constraint "feedback_day_pkey" primary key ("team_id", "day");`);
    this.addSql(
      `insert into feedback_day (team_id, day, ${columns}) select team_id, day, ${columns} from feedback_day_merged;`,
    );
    this.addSql('drop table feedback_day_merged;');
    this.addSql(`create or replace function feedback_day_add(p_team int, p_sign int, p_rows feedback[]) returns void
      language sql as $$
        insert into feedback_day as d (team_id, day, ${columns})
        select p_team, (r.submitted_at at time zone 'UTC')::date, ${signed} from unnest(p_rows) r group by 2
        on conflict (team_id, day) do update set ${accumulate}
      $$;`);
  }
}
