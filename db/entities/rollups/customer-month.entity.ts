import { defineEntity, p } from '@mikro-orm/core';
import { Customer } from '../customer.entity.ts';
import { Team } from '../team.entity.ts';

/**
 * Pre-aggregated purchases: one row per customer, currency and calendar month (UTC), kept by a
 * trigger on `purchase` in the purchase's own transaction (migration Analytics). The loyalty report
 * reads these instead of every purchase; the team is copied so a team's rows are one index range.
 */
export const CustomerMonthSchema = defineEntity({
  name: 'CustomerMonth',
  indexes: [{ properties: ['team', 'month'] }, { properties: ['month'] }],
  properties: {
    customer: () => p.manyToOne(Customer).primary(),
    currency: p.string().length(3).primary(),
    month: p.date().primary(),
    team: () => p.manyToOne(Team),
    transactions: p.integer(),
    revenueMinor: p.bigint('number'),
    // Distinct products bought in the month: unions of these give distinct products per quarter.
    productIds: p.array().columnType('int[]'),
  },
});

export class CustomerMonth extends CustomerMonthSchema.class {}
CustomerMonthSchema.setClass(CustomerMonth);
