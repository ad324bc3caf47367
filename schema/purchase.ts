import { Purchase } from '../db/entities/index.ts';
import { recordPurchase } from '../domain/customers/purchase-service.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';
import { CustomerRef } from './customer.ts';
import { mutationErrors } from './errors.ts';
import { allow, nodeVisibility, visibleCustomer } from './guards.ts';
import { decodeId, loadNodes } from './ids.ts';
import { MoneyRef } from './money.ts';
import { ProductRef } from './product.ts';

export const PurchaseRef = builder.objectRef<Purchase>('Purchase');
export const PurchaseConnection = connectionType('Purchase', PurchaseRef, 'purchase');

builder.node(PurchaseRef, {
  description: 'One purchase line: a customer bought a quantity of a product.',
  isTypeOf: (value) => value instanceof Purchase,
  id: { resolve: (purchase) => purchase.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.purchase, ids, nodeVisibility.ofCustomer(ctx)),
  fields: (t) => ({
    quantity: t.exposeInt('quantity', { description: 'Units bought, at least 1.' }),
    amount: t.field({
      type: MoneyRef,
      description: 'What the customer paid for the line.',
      resolve: (p) => ({ amountMinor: p.amountMinor, currency: p.currency }),
    }),
    purchasedAt: t.expose('purchasedAt', { type: 'DateTime', description: 'When the purchase was made.' }),
    product: t.field({
      type: ProductRef,
      description: 'What was bought.',
      resolve: async (p, _args, ctx) => (await ctx.loaders.product.load(p.product.id))!,
    }),
    customer: t.field({
      type: CustomerRef,
      description: 'Who bought it.',
      resolve: async (p, _args, ctx) => (await ctx.loaders.customer.load(p.customer.id))!,
    }),
  }),
});

const RecordPurchaseInput = builder.inputType('RecordPurchaseInput', {
  description: 'A purchase to record.',
  fields: (t) => ({
    customerId: t.id({ required: true, description: 'Global id of the customer.' }),
    productSku: t.string({ required: true, description: 'SKU of a known product.' }),
    quantity: t.int({ required: true, description: 'Units bought, 1-100000.' }),
    amountMinor: t.int({ required: true, description: 'Line total in minor units (cents), 0 or more.' }),
    currency: t.string({ required: true, description: 'ISO 4217 code, e.g. EUR.' }),
    purchasedAt: t.field({
      type: 'DateTime',
      description: 'When it was bought; now when left out. Not in the future.',
    }),
    idempotencyKey: t.string({ description: 'Any unique string; a retry with the same key stores the purchase once.' }),
  }),
});

builder.mutationField('recordPurchase', (t) =>
  t.field({
    type: PurchaseRef,
    description: 'Records a purchase (behavioural loyalty data).',
    errors: mutationErrors('recordPurchase', ['notFound', 'conflict'], {
      name: 'purchase',
      description: 'The stored purchase.',
    }),
    args: { input: t.arg({ type: RecordPurchaseInput, required: true, description: 'The purchase.' }) },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'purchase.create');
      const customer = await visibleCustomer(
        ctx,
        decodeId(input.customerId, 'Customer', 'input.customerId'),
        'input.customerId',
      );
      return recordPurchase(ctx.em, { ...input, customerId: customer.id });
    },
  }),
);
