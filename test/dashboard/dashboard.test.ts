import { mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../dashboard/src/i18n/en.ts';
import { nl } from '../../dashboard/src/i18n/nl.ts';
import { ormConfig } from '../../db/mikro-orm.config.ts';
import { issueToken } from '../../domain/access/api-tokens.ts';
import { sweepChurn } from '../../domain/tickets/win-back.ts';
import { accessibilityViolations, launchBrowser } from '../support/browser.ts';
import { workerDatabaseUrl } from '../support/database.ts';
import { eventually } from '../support/fake-slack.ts';
import { graphqlAt, type ServerProcess, startServer } from '../support/server-process.ts';

/**
 * The dashboard as people use it: `npm start`'s server (demo data, the built page) driven by a
 * real headless Chromium, checked against the public API it is built on.
 */

let server: ServerProcess;
let orm: MikroORM;
let browser: Browser;
const timeZone = 'Europe/Amsterdam';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer('_dashboard'), launchBrowser()]);
  orm = await MikroORM.init(ormConfig({ databaseUrl: workerDatabaseUrl('_dashboard').url }));
  // What npm start's churn check does at start (off in the tests' servers): risks evaluated, win-backs opened.
  await sweepChurn(orm.em.fork(), { riskThreshold: 60, cooldownDays: 30 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await orm?.close(true);
});

const api = async (query: string, variables: Record<string, unknown> = {}) => {
  const { json } = await graphqlAt(server.base, query, variables);
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
};

async function openPage(
  options: { locale?: string; width?: number; height?: number; bypassCSP?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    // Only to inject axe-core: the page's own policy allows no inline script.
    bypassCSP: options.bypassCSP ?? false,
    locale: options.locale ?? 'en-GB',
    timezoneId: timeZone,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${server.base}/`);
  return { context, page, errors };
}

async function signIn(page: Page, token?: string) {
  const field = page.locator('input[name="token"]');
  if (token) await field.fill(token);
  await field.press('Enter');
  await page.locator('nav a').first().waitFor();
}

const lowScore = (customerId: string, nps = 2) =>
  api(
    `mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { ... on SubmitFeedbackResult { ticket { id } } ... on Error { message } } }`,
    { i: { customerId, nps, comment: 'Bezorging te laat', channel: 'WEB', idempotencyKey: crypto.randomUUID() } },
  ).then((data) => data.submitFeedback.ticket.id as string);

async function teamsWithCustomers() {
  const { teams } = await api('{ teams { id name members { id name email role } } }');
  return Promise.all(
    teams.map(async (team: any) => {
      const { customers } = await api(
        'query($t: [ID!]) { customers(first: 3, filter: { teamIds: $t }) { nodes { id name } } }',
        { t: [team.id] },
      );
      return { ...team, customers: customers.nodes };
    }),
  ).then((all) => all.filter((team) => team.members.length > 0 && team.customers.length === 3));
}

async function memberToken(email: string) {
  const { secret } = await issueToken(orm.em.fork(), { name: 'dashboard member', role: 'MEMBER', memberEmail: email });
  return secret;
}

const queueRows = (page: Page) =>
  page.$$eval('#queue tbody tr[data-ticket]', (rows) => rows.map((row) => row.getAttribute('data-ticket')));

describe('the dashboard, in a real browser', () => {
  it('signs a member in with their token and shows only their team', async () => {
    const [mine, other] = await teamsWithCustomers();
    const member = mine.members[0];
    const ownTicket = await lowScore(mine.customers[0].id);
    const otherTicket = await lowScore(other.customers[0].id);
    const { context, page, errors } = await openPage();
    await signIn(page, await memberToken(member.email));
    await expect.poll(() => page.locator('.who').textContent()).toContain(member.name);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('loyalty-loop.token'))).toBeNull();

    const scopeOptions = await page.locator('form.toolbar select').first().locator('option').allTextContents();
    expect(scopeOptions.filter((text) => text.startsWith('Team '))).toEqual([`Team ${mine.name}`]);
    expect(scopeOptions).not.toContain('Everyone');

    await page.click('nav a[href="#/tickets"]');
    await eventually(async () => (await queueRows(page)).includes(ownTicket), 10_000);
    const rows = await queueRows(page);
    expect(rows).not.toContain(otherTicket);
    const { tickets } = await api(
      'query($t: [ID!]) { tickets(first: 100, filter: { teamIds: $t, statuses: [OPEN, ACKNOWLEDGED] }) { nodes { id } } }',
      { t: [mine.id] },
    );
    expect(new Set(rows)).toEqual(new Set(tickets.nodes.map((node: { id: string }) => node.id)));
    const teamFilter = page.locator('section[aria-labelledby="queue-title"] form select').first();
    expect(await teamFilter.locator('option').allTextContents()).toEqual([mine.name]);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("shows the NPS an analyst works out by hand, in the browser's time zone, as the API does", async () => {
    const { createTeam } = await api(
      `mutation { createTeam(input: { name: "Handwerk" }) { ... on CreateTeamSuccess { team { id } } } }`,
    );
    const teamId = createTeam.team.id;
    const answers: [string, number][] = [
      // October in Amsterdam: 1 promoter, 1 passive, 2 detractors → (1 − 2) / 4 = −25.
      ['2026-10-05T10:00:00Z', 10],
      ['2026-10-12T10:00:00Z', 6],
      ['2026-10-19T10:00:00Z', 5],
      ['2026-10-26T10:00:00Z', 8],
      // 00:30 on 1 November in Amsterdam (still October in UTC): November's.
      ['2026-10-31T23:30:00Z', 10],
      // November: with the one above 5 promoters, 2 passives, 1 detractor → (5 − 1) / 8 = 50.
      ['2026-11-02T10:00:00Z', 9],
      ['2026-11-03T10:00:00Z', 10],
      ['2026-11-04T10:00:00Z', 10],
      ['2026-11-05T10:00:00Z', 9],
      ['2026-11-06T10:00:00Z', 8],
      ['2026-11-09T10:00:00Z', 7],
      ['2026-11-10T10:00:00Z', 3],
    ];
    for (const [index, [submittedAt, nps]] of answers.entries()) {
      const { createCustomer } = await api(
        `mutation($i: CreateCustomerInput!) { createCustomer(input: $i) { ... on CreateCustomerSuccess { customer { id } } } }`,
        { i: { name: `Klant ${index}`, teamId } },
      );
      await api(`mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { __typename } }`, {
        i: {
          customerId: createCustomer.customer.id,
          nps,
          submittedAt,
          channel: 'EMAIL',
          idempotencyKey: `hand-${index}`,
        },
      });
    }
    const { loyaltyReport } = await api(
      `query($s: ReportScope) { loyaltyReport(from: "2026-10-01T00:00:00+02:00", to: "2026-11-30T12:00:00Z", scope: $s, timeZone: "${timeZone}") { start nps { score n } } }`,
      { s: { teamId } },
    );
    expect(loyaltyReport.map((p: any) => [p.nps.score, p.nps.n])).toEqual([
      [-25, 4],
      [50, 8],
    ]);

    const { context, page } = await openPage();
    await signIn(page);
    await page.locator('form.toolbar select').first().selectOption({ label: 'Team Handwerk' });
    const row = (month: string) =>
      page.locator('#nps table tbody tr', { has: page.locator('th', { hasText: month }) }).locator('td');
    await expect.poll(() => row('Nov 2026').first().textContent(), { timeout: 10_000 }).toBe('50.0');
    expect(await row('Nov 2026').allTextContents()).toEqual(['50.0', 'n/a', 'n/a', '8']);
    expect(await row('Oct 2026').allTextContents()).toEqual(['-25.0', 'n/a', 'n/a', '4']);
    expect(await page.locator('#nps').textContent()).toContain('Fewer than 30 answers');
    await context.close();
  }, 60_000);

  it('changes the open queue without a reload when a ticket is resolved through the API', async () => {
    const [team] = await teamsWithCustomers();
    const { context, page, errors } = await openPage();
    await signIn(page);
    await page.click('nav a[href="#/tickets"]');
    await page.locator('.badge.live').waitFor();
    await page.evaluate(() => {
      (window as any).notReloaded = true;
    });
    const ticketId = await lowScore(team.customers[1].id);
    await eventually(async () => (await queueRows(page)).includes(ticketId), 10_000);
    await api(`mutation($i: AcknowledgeTicketInput!) { acknowledgeTicket(input: $i) { __typename } }`, {
      i: { ticketId },
    });
    await expect
      .poll(() => page.locator(`#queue tr[data-ticket="${ticketId}"]`).getAttribute('data-status'), { timeout: 10_000 })
      .toBe('ACKNOWLEDGED');
    await api(`mutation($i: ResolveTicketInput!) { resolveTicket(input: $i) { __typename } }`, {
      i: { ticketId, resolution: 'Nieuwe levering gestuurd' },
    });
    await eventually(async () => !(await queueRows(page)).includes(ticketId), 10_000);
    expect(await page.evaluate(() => (window as any).notReloaded)).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('claims, acknowledges and resolves from the page, as the signed-in member, through channel WEB', async () => {
    const [team] = await teamsWithCustomers();
    const member = team.members[0];
    const ticketId = await lowScore(team.customers[2].id);
    const { context, page, errors } = await openPage();
    await signIn(page, await memberToken(member.email));
    await page.goto(`${server.base}/#/tickets/${encodeURIComponent(ticketId)}`);
    const panel = page.locator('section.panel');
    await panel.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => panel.locator('dl').textContent(), { timeout: 10_000 }).toContain(member.name);
    await panel.getByRole('button', { name: 'Acknowledge' }).click();
    await panel.locator('form.action-form textarea').fill('Gebeld, we zoeken het uit');
    await panel.locator('form.action-form button[type="submit"]').click();
    await expect
      .poll(() => panel.locator('dd[data-status]').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('ACKNOWLEDGED');
    await panel.getByRole('button', { name: 'Resolve' }).click();
    // Required: an empty resolution is not sent.
    await panel.locator('form.action-form button[type="submit"]').click();
    expect(await panel.locator('dd[data-status]').getAttribute('data-status')).toBe('ACKNOWLEDGED');
    await panel.locator('form.action-form textarea').fill('Nieuwe machine geleverd');
    await panel.locator('form.action-form button[type="submit"]').click();
    await expect
      .poll(() => panel.locator('dd[data-status]').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('RESOLVED');

    const { node } = await api(
      `query($id: ID!) { node(id: $id) { ... on Ticket { status resolution assignee { name } events(first: 20) { nodes { type channel actorName note } } } } }`,
      { id: ticketId },
    );
    expect(node.status).toBe('RESOLVED');
    expect(node.resolution).toBe('Nieuwe machine geleverd');
    // The history is newest first.
    const byPage = node.events.nodes.filter((event: any) => event.channel === 'WEB').reverse();
    expect(byPage.map((event: any) => [event.type, event.actorName])).toEqual([
      ['ASSIGNED', member.name],
      ['ACKNOWLEDGED', member.name],
      ['RESOLVED', member.name],
    ]);
    expect(byPage[1].note).toBe('Gebeld, we zoeken het uit');
    // The page shows the history it wrote.
    expect(await panel.locator('.history li[data-channel="WEB"]').count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});

/** Each page, reached as a person would, ready to be looked at. */
const pages: { name: string; go(page: Page): Promise<void> }[] = [
  {
    name: 'overview',
    go: async (page) => {
      await page.click('nav a[href="#/overview"]');
      await page.locator('#categories').waitFor();
    },
  },
  {
    name: 'tickets',
    go: async (page) => {
      await page.click('nav a[href="#/tickets"]');
      await page.locator('#queue tbody tr[data-ticket] button').first().click();
      await page.locator('section.panel .history li').first().waitFor();
    },
  },
  {
    name: 'at-risk',
    go: async (page) => {
      await page.click('nav a[href="#/at-risk"]');
      await page.locator('#at-risk tbody tr[data-customer]').first().waitFor();
    },
  },
  {
    name: 'customer',
    go: async (page) => {
      await page.click('nav a[href="#/at-risk"]');
      await page.locator('#at-risk tbody tr[data-customer] a').first().click();
      await page.locator('#customer-title').waitFor();
      await page.locator('#trend canvas').waitFor();
    },
  },
];

/** Texts Dutch writes as English does: terms of the trade, names, and words both languages use. */
const sameInBoth = new Set([
  'teamOption',
  'segmentOption',
  'npsTitle',
  'upsell',
  'tickets',
  'filterTeam',
  'filterStatus',
  'status',
  'score',
  'status_OPEN',
  'channel_API',
  'channel_WEB',
  'channel_SLACK',
  'channel_DISCORD',
  'channel_EMAIL',
  'eventBy',
  'feedbackScore',
  'team',
  'product',
  'feedback',
  'driverPoints',
]);

describe('the dashboard for everyone: Dutch, accessible, on a desktop and a phone', () => {
  it('has every text in Dutch, but for the words both languages use', () => {
    const untranslated = (Object.keys(en) as (keyof typeof en)[]).filter((key) => en[key] === nl[key]);
    expect(untranslated.filter((key) => !sameInBoth.has(key))).toEqual([]);
  });

  it('speaks Dutch to a Dutch browser: no English label on any page', async () => {
    // The English texts' words between their {placeholders}, but for those Dutch writes the same
    // (the list above, and words of them such as "open" and "Details" in other Dutch texts).
    const dutch = (Object.keys(nl) as (keyof typeof nl)[]).filter((key) => sameInBoth.has(key) || en[key] !== nl[key]);
    const dutchText = dutch.map((key) => nl[key]).join('\n');
    const english = (Object.keys(en) as (keyof typeof en)[])
      .filter((key) => !sameInBoth.has(key))
      .flatMap((key) =>
        en[key]
          .split(/\{\w+\}/)
          .map((fragment) => fragment.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
          .filter((fragment) => fragment.length >= 4 && !dutchText.includes(fragment)),
      );
    const { context, page } = await openPage({ locale: 'nl-NL' });
    // Every text node (closed "Show as table" views included) and every aria-label, one per line.
    // Comments and notes (in <q>) are what people and the product wrote, not the page's labels.
    const visibleText = () =>
      page.evaluate(() => {
        const texts: string[] = [document.title];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.parentElement?.closest('q, noscript')) texts.push(node.textContent ?? '');
        }
        for (const element of document.querySelectorAll('[aria-label]'))
          texts.push(element.getAttribute('aria-label') ?? '');
        return texts.join('\n');
      });
    const englishIn = (text: string) =>
      english.filter((fragment) =>
        new RegExp(`(^|[^\\p{L}])${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text),
      );
    expect(englishIn(await visibleText())).toEqual([]);
    expect(await page.locator('button[type="submit"]').textContent()).toBe('Aanmelden');
    await signIn(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    for (const { name, go } of pages) {
      await go(page);
      expect({ page: name, english: englishIn(await visibleText()) }).toEqual({ page: name, english: [] });
    }
    // Switched to English, the same page speaks English, and stays so.
    await page.locator('.session select').selectOption('en');
    await expect.poll(() => page.locator('nav a').first().textContent()).toBe('Overview');
    await context.close();
  }, 90_000);

  it('has no serious or critical accessibility violation on any page (axe-core, WCAG 2.1 AA)', async () => {
    const { context, page } = await openPage({ bypassCSP: true });
    const serious = async (name: string) => ({
      page: name,
      violations: (await accessibilityViolations(page))
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
        ),
    });
    expect(await serious('sign-in')).toEqual({ page: 'sign-in', violations: [] });
    await signIn(page);
    for (const { name, go } of pages) {
      await go(page);
      // The tables behind the charts count too.
      await page.evaluate(() => {
        for (const details of document.querySelectorAll('details')) details.open = true;
      });
      expect(await serious(name)).toEqual({ page: name, violations: [] });
    }
    await context.close();
  }, 90_000);

  it('takes a screenshot of each page at a desktop and a phone width (README)', async () => {
    const directory = process.env.UPDATE_SCREENSHOTS
      ? path.resolve(import.meta.dirname, '../../docs/screenshots')
      : path.join(tmpdir(), `loyalty-loop-screenshots-${process.pid}`);
    await mkdir(directory, { recursive: true });
    for (const [device, width, height] of [
      ['desktop', 1280, 900],
      ['phone', 390, 844],
    ] as const) {
      const { context, page } = await openPage({ width, height });
      await signIn(page);
      for (const { name, go } of pages) {
        await go(page);
        await page.waitForTimeout(300);
        const file = path.join(directory, `${name}-${device}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect((await stat(file)).size).toBeGreaterThan(10_000);
        // Nothing sticks out sideways on a phone: the page scrolls down, not across.
        if (device === 'phone') {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth);
          expect({ page: name, wide: wide > width }).toEqual({ page: name, wide: false });
        }
      }
      await context.close();
    }
  }, 120_000);
});
