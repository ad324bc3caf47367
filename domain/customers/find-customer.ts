import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer } from '../../db/entities/index.ts';
import { NotFoundError } from '../shared/errors.ts';

/**
 * The one answer for a customer that does not exist or that the caller may not see: the same
 * "not found" in both cases, so that ids out of scope reveal nothing.
 */
export function customerNotFound(field = 'input.customerId'): NotFoundError {
  return new NotFoundError('No customer with this id.', field);
}

/** The customer with this id, or customerNotFound on `field`. */
export async function findCustomer(tx: EntityManager, id: number, field = 'input.customerId'): Promise<Customer> {
  const customer = await tx.findOne(Customer, id);
  if (!customer) throw customerNotFound(field);
  return customer;
}
