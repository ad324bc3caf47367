import { defineEntity, p } from '@mikro-orm/core';

export const ProductSchema = defineEntity({
  name: 'Product',
  properties: {
    id: p.integer().primary(),
    sku: p.string().length(64).unique(),
    name: p.string().length(200),
    category: p.string().length(120).nullable(),
    /**
     * List price per currency, in integer minor units (cents, never floating point): { "EUR": 1295 }.
     * A purchase compares with the list price in its own currency (price-loyal customers).
     */
    listPrices: p.json<Record<string, number>>(),
    /** Inactive products can no longer be bought through the API; their history stays. */
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Product extends ProductSchema.class {}
ProductSchema.setClass(Product);
