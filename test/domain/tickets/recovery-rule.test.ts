import { describe, expect, it } from 'vitest';
import { npsCategory } from '../../../domain/loyalty/nps.ts';
import { needsRecovery } from '../../../domain/tickets/recovery-rule.ts';

const defaults = { npsThreshold: 6, csatThreshold: 2 };

describe('NPS categories', () => {
  it.each([
    [0, 'DETRACTOR'],
    [6, 'DETRACTOR'],
    [7, 'PASSIVE'],
    [8, 'PASSIVE'],
    [9, 'PROMOTER'],
    [10, 'PROMOTER'],
  ] as const)('%i is a %s', (score, category) => {
    expect(npsCategory(score)).toBe(category);
  });
});

describe('recovery trigger', () => {
  it.each([
    [{ nps: 6 }, defaults, true],
    [{ nps: 7 }, defaults, false],
    [{ csat: 2 }, defaults, true],
    [{ csat: 3 }, defaults, false],
    [{ nps: 9, csat: 1 }, defaults, true],
    [{ nps: null, csat: null }, defaults, false],
    [{ nps: 7 }, { npsThreshold: 7, csatThreshold: 2 }, true],
    [{ nps: 5 }, { npsThreshold: 4, csatThreshold: 2 }, false],
    [{ csat: 3 }, { npsThreshold: 6, csatThreshold: 3 }, true],
  ])('%o with %o opens a ticket: %s', (scores, thresholds, expected) => {
    expect(needsRecovery(scores, thresholds)).toBe(expected);
  });
});
