import { defineEntity, p } from '@mikro-orm/core';
import { Customer } from './customer.entity.ts';
import { Product } from './product.entity.ts';

export const PurchaseSchema = defineEntity({
  name: 'Purchase',
  indexes: [{ properties: ['customer', 'purchasedAt'] }, { properties: ['purchasedAt'] }],
  properties: {
    id: p.integer().primary(),
    customer: () => p.manyToOne(Customer),
    product: () => p.manyToOne(Product).index(),
    quantity: p.integer().check('quantity > 0'),
    // Total for the line in integer minor units of `currency`.
    amountMinor: p.bigint('number').check('amount_minor >= 0'),
    currency: p.string().length(3),
    purchasedAt: p.datetime(),
    idempotencyKey: p.string().length(200).nullable().unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Purchase extends PurchaseSchema.class {}
PurchaseSchema.setClass(Purchase);
