import { defineEntity, p } from '@mikro-orm/core';
import { Team } from '../team.entity.ts';

const count = () => p.integer().default(0);

/**
 * Purchase figures per team, currency and month, kept by triggers on customer_month (migration
 * TeamMonthRollup). Each customer belongs to one team, so counts of customers add up across teams:
 * a monthly report for everyone or a team reads a few dozen of these rows.
 */
export const TeamMonthSchema = defineEntity({
  name: 'TeamMonth',
  properties: {
    team: () => p.manyToOne(Team).primary(),
    currency: p.string().length(3).primary(),
    month: p.date().primary(),
    activeCustomers: count(),
    repeatCustomers: count(),
    multiProductCustomers: count(),
    singleProductCustomers: count(),
    transactions: count(),
    revenueMinor: p.bigint('number').default(0),
  },
});

export class TeamMonth extends TeamMonthSchema.class {}
TeamMonthSchema.setClass(TeamMonth);
