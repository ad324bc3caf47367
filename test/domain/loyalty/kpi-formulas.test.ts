import { describe, expect, it } from 'vitest';
import { netPromoterScore, npsMarginOfError, ratio, retentionRate } from '../../../domain/loyalty/kpi-formulas.ts';

describe('NPS', () => {
  it.each([
    [{ promoters: 0, passives: 0, detractors: 0 }, null, null],
    [{ promoters: 5, passives: 0, detractors: 0 }, 100, 0],
    [{ promoters: 0, passives: 0, detractors: 4 }, -100, 0],
    [{ promoters: 0, passives: 3, detractors: 0 }, 0, 0],
    // 2 promoters, 2 passives, 2 detractors: variance 1/3 + 1/3 − 0 = 2/3; 1.96 × √(2/3 / 6) × 100 = 65.33
    [{ promoters: 2, passives: 2, detractors: 2 }, 0, 65.33],
    // 3 promoters of 4: NPS 75; variance 0.75 − 0.5625 = 0.1875; 1.96 × √(0.1875 / 4) × 100 = 42.44
    [{ promoters: 3, passives: 1, detractors: 0 }, 75, 42.44],
  ])('%o gives NPS %s ± %s', (counts, nps, margin) => {
    expect(netPromoterScore(counts)).toBe(nps);
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
