import { defineEntity, p } from '@mikro-orm/core';
import { Customer } from '../customer.entity.ts';
import { Team } from '../team.entity.ts';

/** When each customer first bought in each currency, kept by the purchase trigger: "new customers" of a period. */
export const CustomerFirstPurchaseSchema = defineEntity({
  name: 'CustomerFirstPurchase',
  indexes: [{ properties: ['team', 'firstPurchaseAt'] }, { properties: ['firstPurchaseAt'] }],
  properties: {
    customer: () => p.manyToOne(Customer).primary(),
    currency: p.string().length(3).primary(),
    team: () => p.manyToOne(Team),
    firstPurchaseAt: p.datetime(),
  },
});

export class CustomerFirstPurchase extends CustomerFirstPurchaseSchema.class {}
CustomerFirstPurchaseSchema.setClass(CustomerFirstPurchase);
