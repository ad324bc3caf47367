import type { Money } from '../domain/customers/customer-figures.ts';
import { builder } from './builder.ts';

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An amount of money in integer minor units (cents) of one currency; never a float.',
  fields: (t) => ({
    amountMinor: t.exposeFloat('amountMinor', {
      description:
        'Amount in minor units, e.g. 1999 for EUR 19.99. A Float only because GraphQL Int stops at 2^31; always whole.',
    }),
    currency: t.exposeString('currency', { description: 'ISO 4217 currency code, e.g. EUR.' }),
  }),
});
