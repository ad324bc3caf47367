import { describe, expect, it } from 'vitest';
import { netPromoterScore, npsMarginOfError, ratio, retentionRate } from '../../../domain/loyalty/kpi-formulas.ts';

describe('NPS', () => {
  it.each([
    [{ promoters: 0, passives: 0, detractors: 0 }, null, null],
    // Below 30 answers: no margin (five promoters would otherwise be 100 ± 0).
    [{ promoters: 5, passives: 0, detractors: 0 }, 100, null],
    [{ promoters: 0, passives: 0, detractors: 4 }, -100, null],
    [{ promoters: 2, passives: 2, detractors: 2 }, 0, null],
    [{ promoters: 10, passives: 10, detractors: 9 }, (100 * 1) / 29, null],
    // 10 promoters, 10 passives, 10 detractors: variance 1/3 + 1/3 − 0 = 2/3; 1.96 × √(2/3 / 30) × 100 = 29.22
    [{ promoters: 10, passives: 10, detractors: 10 }, 0, 29.22],
    // 15 promoters, 9 passives, 6 detractors: NPS 30; variance 0.5 + 0.2 − 0.09 = 0.61; 1.96 × √(0.61 / 30) × 100 = 27.95
    [{ promoters: 15, passives: 9, detractors: 6 }, 30, 27.95],
    // All 40 promoters: a margin of 0 is right when there are enough answers.
    [{ promoters: 40, passives: 0, detractors: 0 }, 100, 0],
  ])('%o gives NPS %s ± %s', (counts, nps, margin) => {
    if (nps === null) expect(netPromoterScore(counts)).toBeNull();
    else expect(netPromoterScore(counts)).toBeCloseTo(nps, 10);
    const moe = npsMarginOfError(counts);
    if (margin === null) expect(moe).toBeNull();
    else expect(moe).toBeCloseTo(margin, 2);
  });
});

describe('ratios', () => {
  it('is null, not 0 or NaN, without a denominator', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(retentionRate(0, 3, 3)).toBeNull();
    // 10 customers at the start, 12 at the end of whom 4 are new: (12 − 4) / 10 = 0.8
    expect(retentionRate(10, 12, 4)).toBe(0.8);
  });
});
