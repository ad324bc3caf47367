import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Product } from '../../db/entities/index.ts';
import type { Actor } from '../access/actor.ts';
import { audit, givenFields } from '../access/audit.ts';
import { containsPattern } from '../data/like-pattern.ts';
import { findPage, type Page, type PageArgs } from '../data/pagination.ts';
import { assertUnused } from '../shared/assert-unused.ts';
import { NotFoundError } from '../shared/errors.ts';
import { applyChanges } from '../shared/partial-update.ts';
import { currency, parseInput, text } from '../shared/validation.ts';

/** List prices as given: one per currency, in integer minor units. */
const listPrices = z
  .array(z.object({ currency, amountMinor: z.number().int().min(0).max(1e12) }))
  .max(200)
  .refine((prices) => new Set(prices.map((p) => p.currency)).size === prices.length, 'one price per currency')
  .transform((prices) => Object.fromEntries(prices.map((p) => [p.currency, p.amountMinor])));

const productFields = {
  name: text.name,
  category: z.string().trim().max(120).nullish(),
  listPrices: listPrices.nullish(),
  active: z.boolean().nullish(),
};

const createSchema = z.object({ sku: text.externalId, ...productFields });
const updateSchema = z.object({ productId: z.number().int().positive(), ...productFields, name: text.name.nullish() });

/** Adds a product to the catalogue; its SKU is its key, so a retried creation finds it taken. */
export async function createProduct(em: EntityManager, raw: z.input<typeof createSchema>, actor: Actor) {
  const input = parseInput(createSchema, raw);
  return em.transactional(async (tx) => {
    await assertUnused(tx, Product, 'sku', input.sku);
    const product = tx.create(Product, {
      sku: input.sku,
      name: input.name,
      category: input.category ?? null,
      listPrices: input.listPrices ?? {},
      active: input.active ?? true,
    });
    await tx.flush();
    audit(tx, actor, 'product.create', { entityType: 'Product', entityId: product.id }, givenFields(input));
    return product;
  });
}

/** Changes a product; left-out fields keep their value, listPrices replaces all prices when given. */
export async function updateProduct(em: EntityManager, raw: z.input<typeof updateSchema>, actor: Actor) {
  const input = parseInput(updateSchema, raw);
  return em.transactional(async (tx) => {
    const product = await tx.findOne(Product, input.productId);
    if (!product) throw new NotFoundError('No product with this id.', 'input.productId');
    const { productId, ...changes } = input;
    applyChanges(product, changes, ['name', 'listPrices', 'active']);
    audit(
      tx,
      actor,
      'product.update',
      { entityType: 'Product', entityId: product.id },
      givenFields(input, ['productId']),
    );
    return product;
  });
}

export interface ProductFilter {
  search?: string | null;
  category?: string | null;
  active?: boolean | null;
}

/** The catalogue by SKU, filtered: part of the SKU or name, a category, active or not. */
export function listProducts(em: EntityManager, filter: ProductFilter, page: PageArgs): Promise<Page<Product>> {
  const like = filter.search ? containsPattern(filter.search) : null;
  const where: FilterQuery<Product> = {
    ...(like && { $or: [{ sku: { $ilike: like } }, { name: { $ilike: like } }] }),
    ...(filter.category && { category: filter.category }),
    ...(filter.active != null && { active: filter.active }),
  };
  return findPage(em, Product, where, { sku: 'asc' }, page);
}
