import { defineEntity, p } from '@mikro-orm/core';
import { Customer } from '../customer.entity.ts';

/**
 * What each customer has spent in each currency, kept by the purchase trigger (purchase_spend):
 * the customer list's TOTAL_SPEND_DESC sort. Amounts in different currencies are never added.
 */
export const CustomerSpendSchema = defineEntity({
  name: 'CustomerSpend',
  indexes: [{ properties: ['currency', 'totalMinor'] }],
  properties: {
    customer: () => p.manyToOne(Customer).primary(),
    currency: p.string().length(3).primary(),
    totalMinor: p.bigint('number'),
  },
});

export class CustomerSpend extends CustomerSpendSchema.class {}
CustomerSpendSchema.setClass(CustomerSpend);
