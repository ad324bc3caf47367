import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Product, Purchase } from '../../db/entities/index.ts';
import { systemActor } from '../access/actor.ts';
import { findByIdempotencyKey } from '../data/idempotency.ts';
import { earnForPurchase } from '../rewards/reward-service.ts';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors.ts';
import { currency, parseInput, pastInstant, text } from '../shared/validation.ts';
import { findCustomer } from './find-customer.ts';

const recordPurchaseSchema = z.object({
  customerId: z.number().int().positive(),
  productSku: text.externalId,
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(100_000, 'at most 100000'),
  amountMinor: z
    .number()
    .int('must be whole minor units (cents)')
    .min(0, 'must not be negative')
    .max(Number.MAX_SAFE_INTEGER, 'is too large'),
  currency,
  purchasedAt: pastInstant.nullish(),
  idempotencyKey: text.idempotencyKey.nullish(),
});

export type RecordPurchaseInput = z.input<typeof recordPurchaseSchema>;

/** Records a purchase of a known product and the points it earns; a retried call with the same key stores it once. */
export async function recordPurchase(em: EntityManager, raw: RecordPurchaseInput): Promise<Purchase> {
  const input = parseInput(recordPurchaseSchema, raw);
  return em.transactional(async (tx) => {
    if (input.idempotencyKey) {
      const existing = await findByIdempotencyKey(tx, Purchase, input.idempotencyKey);
      if (existing) {
        if (existing.customer.id !== input.customerId || existing.amountMinor !== input.amountMinor) {
          throw new ConflictError(
            'This idempotency key was already used for a different purchase.',
            'input.idempotencyKey',
          );
        }
        return existing;
      }
    }
    const customer = await findCustomer(tx, input.customerId);
    const product = await tx.findOne(Product, { sku: input.productSku });
    if (!product) throw new NotFoundError(`No product with SKU "${input.productSku}".`, 'input.productSku');
    if (!product.active)
      throw new ValidationError(`Product "${input.productSku}" is retired: no longer sold.`, 'input.productSku');
    const purchase = tx.create(Purchase, {
      customer,
      product,
      quantity: input.quantity,
      amountMinor: input.amountMinor,
      currency: input.currency,
      purchasedAt: input.purchasedAt ?? new Date(),
      idempotencyKey: input.idempotencyKey ?? null,
    });
    await earnForPurchase(tx, purchase, systemActor);
    return purchase;
  });
}
