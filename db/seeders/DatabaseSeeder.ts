import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { ApiToken, Team, TeamMember } from '../entities/index.ts';
import { seedCustomers } from './customers.seeder.ts';
import { demoAdminToken } from './demo-token.ts';
import { seedFeedback } from './feedback.seeder.ts';
import { seedPurchases } from './purchases.seeder.ts';
import { seededRandom } from './random.ts';
import { seedRewards } from './rewards.seeder.ts';

const teams = [
  {
    name: 'Retail Noord',
    slack: 'C0RETAILN',
    discord: '1100000000000000001',
    members: ['Sanne de Vries', 'Daan Jansen', 'Fleur Bakker'],
  },
  {
    name: 'Retail Zuid',
    slack: 'C0RETAILZ',
    discord: '1100000000000000002',
    members: ['Lotte Visser', 'Bram Smit', 'Noor Meijer'],
  },
  {
    name: 'Zakelijk',
    slack: 'C0BUSINESS',
    discord: '1100000000000000003',
    members: ['Ruben de Boer', 'Eva Mulder', 'Thijs de Groot'],
  },
];

/**
 * Demo data for `npm start`: 3 teams, ~200 customers, ~2,000 purchases and ~1,000 feedback answers
 * over the last 12 months, with recovery tickets in every status, referrals, a points ledger and two
 * saved segments. Deterministic (seeded PRNG).
 */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager): Promise<void> {
    const random = seededRandom(20261126);
    const now = new Date();
    const created = teams.map((spec, t) => {
      const team = em.create(Team, { name: spec.name, slackChannelId: spec.slack, discordChannelId: spec.discord });
      const members = spec.members.map((name, m) =>
        em.create(TeamMember, {
          team,
          name,
          email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@loyalty-loop.example`,
          role: m === 0 ? 'TEAM_LEAD' : 'ACCOUNT_MANAGER',
          slackUserId: `U0DEMO${t}${m}`,
          discordUserId: `12000000000000000${t}${m}`,
        }),
      );
      return { team, members };
    });
    const lead = created[0]?.members[0] as TeamMember;
    em.create(ApiToken, { name: 'demo admin', role: 'ADMIN', member: lead, tokenHash: ApiToken.hash(demoAdminToken) });

    const customers = seedCustomers(em, random, created, 200, now);
    seedPurchases(em, random, customers, 2000, now);
    seedFeedback(em, random, customers, created, 1000, now);
    await em.flush();
    await seedRewards(em, random, customers);
    await em.flush();
  }
}
