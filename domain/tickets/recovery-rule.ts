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
