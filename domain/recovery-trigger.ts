export interface RecoveryThresholds {
  npsThreshold: number;
  csatThreshold: number;
}

export interface Scores {
  nps?: number | null;
  csat?: number | null;
}

/** A recovery ticket opens when NPS or CSAT is at or below the owning team's threshold. */
export function needsRecovery(scores: Scores, thresholds: RecoveryThresholds): boolean {
  const lowNps = scores.nps != null && scores.nps <= thresholds.npsThreshold;
  const lowCsat = scores.csat != null && scores.csat <= thresholds.csatThreshold;
  return lowNps || lowCsat;
}
