import { describe, expect, it } from 'vitest';
import { churnRisk } from '../../../domain/loyalty/churn-risk.ts';
import { customerLoyalty } from '../../../domain/loyalty/customer-loyalty.ts';
import { classifyLoyalty, type LoyaltyCategory, reasonText } from '../../../domain/loyalty/loyalty-category.ts';
import {
  type AnswerFact,
  type LoyaltyFacts,
  noFacts,
  type PurchaseFact,
} from '../../../domain/loyalty/loyalty-facts.ts';

const now = new Date('2026-11-26T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const answer = (days: number, scores: Partial<Omit<AnswerFact, 'at'>>): AnswerFact => ({
  at: daysAgo(days),
  nps: null,
  csat: null,
  keepBuying: null,
  buyMore: null,
  brandImage: null,
  needsMet: null,
  ...scores,
});
const purchase = (days: number, discounted = false, amountMinor = 5000): PurchaseFact => ({
  at: daysAgo(days),
  amountMinor,
  currency: 'EUR',
  discounted,
});
/** A purchase every `every` days from `from` days ago to `to` days ago. */
const regular = (from: number, to: number, every: number, discounted = false) =>
  Array.from({ length: Math.floor((from - to) / every) + 1 }, (_, i) => purchase(from - i * every, discounted));

const facts = (over: Partial<LoyaltyFacts>): LoyaltyFacts => ({ ...noFacts(now), ...over });

describe('loyalty categories', () => {
  const cases: [string, LoyaltyFacts, LoyaltyCategory, RegExp[]][] = [
    [
      'no NPS and one purchase: too little data',
      facts({ purchases: [purchase(30)] }),
      'UNKNOWN',
      [/no NPS answer/, /only 1 purchase in the last 12 months/],
    ],
    [
      'promoter who referred two and bought 10 days ago',
      facts({ answers: [answer(20, { nps: 10 })], purchases: [purchase(100), purchase(10)], referrals: 2 }),
      'TRUE_AMBASSADOR',
      [/latest NPS 10 \(promoter\)/, /referred 2 customers/, /last bought 10 days ago/],
    ],
    [
      'passive who redeems points three times a year',
      facts({
        answers: [answer(20, { nps: 7 })],
        purchases: regular(300, 30, 60),
        pointsRedeemedLastYear: 900,
        redemptionsLastYear: 3,
      }),
      'LOYALTY_PROGRAM_LOYAL',
      [/redeemed 900 points in 3 redemptions/, /latest NPS 7: not a promoter/],
    ],
    [
      'passive who kept buying after a goodwill surprise',
      facts({
        answers: [answer(20, { nps: 8 })],
        purchases: [purchase(200), purchase(40), purchase(15)],
        goodwillLastYear: 1,
        lastGoodwillAt: daysAgo(60),
      }),
      'BENEFITS_LOYAL',
      [/received 1 goodwill reward/, /bought 2 times since the last one/],
    ],
    [
      'three of four purchases on discount',
      facts({
        answers: [answer(20, { nps: 8 })],
        purchases: [purchase(200, true), purchase(150, true), purchase(100), purchase(50, true)],
      }),
      'PRICE_LOYAL',
      [/3 of 4 purchases in the last 12 months at 10% or more off list price/],
    ],
    [
      'buys every month but thinks little of the brand',
      facts({ answers: [answer(20, { nps: 9, brandImage: 2 })], purchases: regular(330, 0, 30) }),
      'CONVENIENCE_LOYAL',
      [/12 purchases in the last 12 months: a regular buyer/, /brand image 2.0\/5/],
    ],
    [
      'satisfied, buys now and then, nothing binds them',
      facts({ answers: [answer(20, { nps: 8, csat: 5 })], purchases: [purchase(200), purchase(30)] }),
      'SATISFIED_BUT_SWITCHABLE',
      [/satisfied \(latest NPS 8, CSAT 5.0\/5\)/, /a better offer could take them/],
    ],
  ];
  it.each(cases)('%s', (_name, input, category, reasons) => {
    const result = classifyLoyalty(input);
    expect(result.category).toBe(category);
    for (const reason of reasons) expect(result.reasons.map(reasonText).join(' | ')).toMatch(reason);
  });

  it('a dissatisfied customer with nothing that binds them is switchable, and the reasons say so', () => {
    const result = classifyLoyalty(facts({ answers: [answer(10, { nps: 2, csat: 1 })], purchases: [purchase(60)] }));
    expect(result.category).toBe('SATISFIED_BUT_SWITCHABLE');
    expect(reasonText(result.reasons[0]!)).toBe('not even satisfied (latest NPS 2): nothing holds them');
    expect(result.reasons[0]).toEqual({ code: 'NOT_SATISFIED', params: { nps: 2 } });
  });

  it('a promoter without referrals is not yet an ambassador, and an old purchase does not count as recent', () => {
    expect(classifyLoyalty(facts({ answers: [answer(5, { nps: 10 })], purchases: [purchase(10)] })).category).toBe(
      'SATISFIED_BUT_SWITCHABLE',
    );
    expect(
      classifyLoyalty(facts({ answers: [answer(5, { nps: 10 })], purchases: [purchase(120)], referrals: 1 })).category,
    ).not.toBe('TRUE_AMBASSADOR');
  });
});

describe('churn risk', () => {
  // Bought every 30 days for a year and a half; answers 9 throughout.
  const steady = (stoppedDaysAgo: number) =>
    facts({
      answers: [answer(300, { nps: 9 }), answer(150, { nps: 9 }), answer(10, { nps: 9 })],
      purchases: regular(540, stoppedDaysAgo, 30),
    });

  it('is low for a customer who keeps buying and scoring', () => {
    expect(churnRisk(steady(0))).toEqual({ score: 0, level: 'LOW', drivers: [] });
  });

  it('rises as purchases stop: 90 silent days miss the whole usual rate', () => {
    // Baseline: purchases 91-455 days ago = 12 (every 30 days), so 12 × 90 / 365 = 2.96 per 90 days.
    const stopped = churnRisk(steady(100));
    expect(stopped.drivers).toEqual([
      {
        kind: 'FALLING_PURCHASE_FREQUENCY',
        points: 35,
        explanation: expect.stringMatching(/^0 purchase/),
        facts: { purchasesLast90Days: 0, usualPurchasesPer90Days: (12 * 90) / 365 },
      },
    ]);
    expect(stopped.score).toBe(35);
    expect(churnRisk(steady(50)).score).toBeGreaterThan(0);
    expect(churnRisk(steady(50)).score).toBeLessThan(35);
  });

  it('adds falling scores, a detractor who stopped buying and unresolved tickets, capped at 100', () => {
    const risk = churnRisk(
      facts({
        answers: [
          answer(200, { nps: 9, keepBuying: 5 }),
          answer(100, { nps: 9, keepBuying: 5 }),
          answer(5, { nps: 3, keepBuying: 2 }),
        ],
        purchases: regular(540, 120, 30),
        openTickets: 2,
        overdueTickets: 1,
      }),
    );
    const points = Object.fromEntries(risk.drivers.map((d) => [d.kind, d.points]));
    // NPS 9 → 3: 6 × 7.5 = 45, capped at 30; keep buying 5 → 2: 3 × 5 = 15, capped at 10.
    expect(points).toEqual({
      FALLING_SCORES: 40,
      FALLING_PURCHASE_FREQUENCY: 35,
      DETRACTOR_STOPPED_BUYING: 20,
      UNRESOLVED_TICKETS: 25,
    });
    expect(risk).toMatchObject({ score: 100, level: 'HIGH' });
  });

  it('needs a baseline: one old purchase is no falling frequency', () => {
    expect(churnRisk(facts({ purchases: [purchase(200)] })).score).toBe(0);
  });

  // Worked by hand: the usual rate is baseline × 90 / 365 per 90 days; the driver is worth
  // 35 × (usual − recent) / usual, rounded. Two baseline purchases are exactly the threshold.
  it.each([
    ['1 baseline purchase, none lately: no baseline', [200], 0],
    ['2 baseline purchases, none lately: the whole rate missing', [200, 300], 35],
    ['2 baseline purchases, 1 lately: 0.49 usual, 1 recent is above it', [200, 300, 10], 0],
    ['3 baseline purchases, none lately', [100, 200, 300], 35],
    ['4 baseline purchases (0.99 usual), none lately', [100, 200, 300, 400], 35],
    ['5 baseline purchases (1.23 usual), 1 lately: 35 × (450 − 365) / 450 = 6.6', [100, 200, 300, 400, 450, 10], 7],
    ['a purchase exactly 90 days ago is recent, one 91 days ago is baseline', [90, 91, 300], 0],
  ])('falling frequency at the borders: %s', (_name, days, points) => {
    const risk = churnRisk(facts({ purchases: (days as number[]).sort((a, b) => b - a).map((d) => purchase(d)) }));
    const driver = risk.drivers.find((d) => d.kind === 'FALLING_PURCHASE_FREQUENCY');
    expect(driver?.points ?? 0).toBe(points);
  });

  it('two baseline purchases and none lately make a HIGH risk with a detractor’s score, not MEDIUM', () => {
    const risk = churnRisk(
      facts({
        answers: [answer(300, { nps: 9 }), answer(200, { nps: 9 }), answer(5, { nps: 5 })],
        purchases: [purchase(300), purchase(200)],
      }),
    );
    // NPS 9 → 5: 4 × 7.5 = 30; frequency 35; a detractor who last bought 200 days ago: 20.
    expect(risk).toMatchObject({ score: 85, level: 'HIGH' });
  });
});

describe('customer loyalty figures', () => {
  it('derives CLV, engagement and the tracker trend', () => {
    const loyalty = customerLoyalty(
      facts({
        answers: [answer(100, { nps: 6, csat: 3 }), answer(40, { nps: 8, csat: 4 }), answer(10, { nps: 10, csat: 5 })],
        purchases: [purchase(200, false, 4000), purchase(100, false, 6000), purchase(30, false, 5000)],
      }),
    );
    // AOV 50.00 × 3 purchases a year × 3 years = 450.00.
    expect(loyalty.lifetimeValue).toEqual({ amountMinor: 45_000, currency: 'EUR' });
    // Recency 1 − 30/365, frequency 3/12, participation 3/4: 0.4 × 0.918 + 0.4 × 0.25 + 0.2 × 0.75 = 0.617.
    expect(loyalty.engagement.index).toBe(62);
    expect(loyalty.npsCategory).toBe('PROMOTER');
    expect(loyalty.trend.months.map((m) => m.nps)).toEqual([6, 8, 10]);
    expect(loyalty.trend.directions).toMatchObject({ nps: 'RISING', csat: 'RISING', keepBuying: null });
  });
});
