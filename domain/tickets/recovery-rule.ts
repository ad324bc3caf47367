export interface RecoveryThresholds {
  npsThreshold: number;
  csatThreshold: number;
}

export interface Scores {
  nps?: number | null;
  csat?: number | null;
}

/**
 * A recovery ticket opens when NPS or CSAT is at or below the owning team's threshold: a low score
 * is the moment to admit, apologise and fix (the service recovery paradox). submitFeedback runs the
 * rule as SQL (needsRecoverySql), which a test holds to this function.
 */
export function needsRecovery(scores: Scores, thresholds: RecoveryThresholds): boolean {
  const lowNps = scores.nps != null && scores.nps <= thresholds.npsThreshold;
  const lowCsat = scores.csat != null && scores.csat <= thresholds.csatThreshold;
  return lowNps || lowCsat;
}

/**
 * needsRecovery as a SQL condition, for the ingest statement (the feedback batch), which
 * decides per answer whether it is low: `nps` and `csat` are SQL expressions for the scores (null
 * when not given), `thresholds` names a row with nps_threshold and csat_threshold. A test holds it
 * to needsRecovery's answers.
 */
export function needsRecoverySql(nps: string, csat: string, thresholds: string): string {
  return `(coalesce(${nps} <= ${thresholds}.nps_threshold, false) or coalesce(${csat} <= ${thresholds}.csat_threshold, false))`;
}

/**
 * A low answer opens a ticket only while recovery is still possible: given at most this long
 * before it is recorded. An older one (history sent through the API, a form synced weeks late) is
 * stored and counted like any answer, but opens no ticket, as the bulk import opens none: nobody
 * is waiting for an apology about last month.
 */
export const recoveryWindowDays = 7;

export function stillRecoverable(submittedAt: Date, recordedAt: Date): boolean {
  return recordedAt.getTime() - submittedAt.getTime() <= recoveryWindowDays * 86_400_000;
}

/** stillRecoverable as a SQL condition on `submittedAt` (a SQL expression), recorded now. */
export function stillRecoverableSql(submittedAt: string): string {
  return `(${submittedAt} >= now() - interval '${recoveryWindowDays} days')`;
}
