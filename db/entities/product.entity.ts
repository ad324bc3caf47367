import { defineEntity, p } from '@mikro-orm/core';

export const ProductSchema = defineEntity({
  name: 'Product',
  properties: {
    id: p.integer().primary(),
    sku: p.string().length(64).unique(),
    name: p.string().length(200),
    category: p.string().length(120).nullable(),
    // Money in integer minor units (cents), never floating point.
    listPriceMinor: p.bigint('number').nullable(),
    currency: p.string().length(3).default('EUR'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Product extends ProductSchema.class {}
ProductSchema.setClass(Product);
