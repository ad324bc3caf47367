import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TicketView } from '../../bots/alert-content.ts';
import { alertMessage as discordAlert, reminderMessage } from '../../bots/discord/alert-message.ts';
import { alertMessage as slackAlert } from '../../bots/slack/alert-blocks.ts';
import { discordPings, discordRefusal, slackLiveSequences, slackRefusal } from '../support/platform-rules.ts';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** At most `max` UTF-16 code units, cut between graphemes, as the API's length checks allow. */
const upTo = (max: number) => (text: string) => {
  let kept = '';
  for (const { segment } of graphemes.segment(text)) {
    if (kept.length + segment.length > max) break;
    kept += segment;
  }
  return kept;
};
const hostile = [
  '<!channel>',
  '<@U1>',
  '<https://evil.example|Click to verify>',
  '@everyone',
  '<@&1>',
  '<@1>',
  '&',
  '*',
];
/** User text up to the API's maximum: any graphemes, mention and link syntax, often at full length. */
const userText = (max: number) =>
  fc
    .oneof(
      fc.string({ unit: 'grapheme', maxLength: max }),
      fc
        .array(fc.constantFrom(...hostile, '😀', '👩🏽‍💻', 'é', '\n', 'a'), { maxLength: max })
        .map((parts) => parts.join('')),
      fc.constantFrom('😀'.repeat(max), 'a'.repeat(max), '<'.repeat(max), '&'.repeat(max), '\n'.repeat(max)),
    )
    .map(upTo(max));
const currencies = Intl.supportedValuesOf('currency');
const instant = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());
const scores = fc.record({
  nps: fc.option(fc.integer({ min: 0, max: 10 })),
  csat: fc.option(fc.integer({ min: 1, max: 5 })),
});
const person = fc.record({
  name: userText(200),
  role: fc.constantFrom('ACCOUNT_MANAGER', 'TEAM_LEAD'),
  slackUserId: fc.option(fc.constant('ULEAD1')),
  discordUserId: fc.option(fc.constant('1234567890')),
});

const ticketView: fc.Arbitrary<TicketView> = fc.record({
  id: fc.constant('VGlja2V0OjEyMzQ1Njc4OQ=='),
  status: fc.constantFrom('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED'),
  kind: fc.constantFrom('SERVICE_RECOVERY', 'WIN_BACK'),
  version: fc.nat(),
  ackDueAt: instant,
  resolveDueAt: instant,
  overdue: fc.boolean(),
  resolution: fc.option(userText(5000)),
  assignee: fc.option(
    fc.record({ name: userText(200), slackUserId: fc.constant(null), discordUserId: fc.constant(null) }),
  ),
  team: fc.record({ name: userText(120), members: fc.array(person, { maxLength: 20 }) }),
  feedback: fc.option(
    fc.record({
      nps: scores.map((s) => s.nps),
      csat: scores.map((s) => s.csat),
      comment: fc.option(userText(5000)),
      channel: fc.constantFrom('WEB', 'SLACK'),
      submittedAt: instant,
    }),
  ),
  customer: fc.record({
    id: fc.constant('Q3VzdG9tZXI6MQ=='),
    name: userText(200),
    email: fc.option(fc.constant('someone@example.test')),
    figures: fc.record({
      latestNps: fc.option(fc.integer({ min: 0, max: 10 })),
      npsCategory: fc.option(fc.constantFrom('PROMOTER', 'PASSIVE', 'DETRACTOR')),
      purchaseCount: fc.nat(),
      lastPurchaseAt: fc.option(instant),
      totalSpend: fc.oneof(
        fc.array(fc.record({ amountMinor: fc.integer(), currency: fc.constantFrom(...currencies) }), { maxLength: 20 }),
        fc.constant(currencies.map((currency) => ({ amountMinor: Number.MAX_SAFE_INTEGER, currency }))),
      ),
    }),
    feedback: fc.record({
      nodes: fc.array(
        fc.record({ nps: scores.map((s) => s.nps), csat: scores.map((s) => s.csat), submittedAt: instant }),
        { maxLength: 6 },
      ),
    }),
    loyalty: fc.option(
      fc.record({
        category: fc.constantFrom('TRUE_AMBASSADOR', 'PRICE_LOYAL', 'CONVENIENCE_LOYAL', 'UNKNOWN'),
        churnRisk: fc.record({
          score: fc.integer({ min: 0, max: 100 }),
          level: fc.constantFrom('LOW', 'MEDIUM', 'HIGH'),
          drivers: fc.array(fc.record({ explanation: fc.string({ maxLength: 200 }) }), { maxLength: 4 }),
        }),
      }),
    ),
  }),
}) as fc.Arbitrary<TicketView>;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

describe('alert rendering for any ticket the API accepts', () => {
  it('fits Slack’s limits, full and minimal, with no live mention or link from user content', () => {
    fc.assert(
      fc.property(ticketView, fc.boolean(), (ticket, minimal) => {
        const message = slackAlert(ticket, { minimal });
        expect(slackRefusal(message)).toBeNull();
        expect(slackLiveSequences(message)).toEqual([]);
        expect(strings(message).filter((s) => loneSurrogate.test(s))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('fits Discord’s limits (the embed’s 6,000 in all included), pinging nobody', () => {
    fc.assert(
      fc.property(ticketView, fc.boolean(), (ticket, minimal) => {
        const message = discordAlert(ticket, { minimal });
        expect(discordRefusal(message)).toBeNull();
        expect(discordPings(message)).toEqual([]);
        expect(strings(message).filter((s) => loneSurrogate.test(s))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('shows user content as written: escaped for each platform, shortened with "…" and a pointer', () => {
    const base = fc.sample(ticketView, { numRuns: 1, seed: 7 })[0] as TicketView;
    const name = '<!channel> <@U1> <https://evil.example|Click to verify> @everyone <@&1>';
    const ticket: TicketView = {
      ...base,
      status: 'OPEN',
      kind: 'SERVICE_RECOVERY',
      customer: { ...base.customer, name },
      feedback: { nps: 2, csat: null, comment: `${'👍'.repeat(3000)}`, channel: 'WEB', submittedAt: base.ackDueAt },
    };
    const slack = slackAlert(ticket);
    expect(slack.text).toContain('&lt;!channel&gt; &lt;@U1&gt; &lt;https://evil.example|Click to verify&gt;');
    const shown = JSON.stringify(slack.blocks);
    expect(shown).toContain('👍…');
    expect(shown).toContain('node(id: \\"VGlja2V0OjEyMzQ1Njc4OQ==\\")');
    const discord = discordAlert(ticket);
    expect(discord.content).toContain(
      '\\<\\@U1\\> \\<https://evil.example|Click to verify\\> \\@everyone \\<\\@&1\\>'.replaceAll('|', '\\|'),
    );
    expect(discord.embeds[0]?.description).toMatch(/^> (👍)+…$/u);
    expect(discord.embeds[0]?.footer?.text).toContain('VGlja2V0OjEyMzQ1Njc4OQ==');
    const escalation = reminderMessage('ESCALATION', {
      ...ticket,
      team: { name: 'T', members: [{ name: 'Lead', role: 'TEAM_LEAD', slackUserId: null, discordUserId: '42' }] },
    });
    expect(discordPings(escalation)).toEqual(['<@42>']);
  });
});
