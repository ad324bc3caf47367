import type { EntityManager } from '@mikro-orm/core';
import { type Customer, Product, Purchase } from '../entities/index.ts';
import type { Random } from './random.ts';

const catalogue = [
  ['COF-BEANS-1KG', 'Koffiebonen 1 kg', 'Koffie', 1895],
  ['COF-GROUND-500', 'Gemalen koffie 500 g', 'Koffie', 949],
  ['TEA-GREEN-100', 'Groene thee 100 g', 'Thee', 650],
  ['TEA-CHAI-100', 'Chai 100 g', 'Thee', 725],
  ['MUG-CLASSIC', 'Mok klassiek', 'Servies', 1250],
  ['MACH-ESPRESSO', 'Espressomachine', 'Apparaten', 34900],
  ['MACH-GRINDER', 'Koffiemolen', 'Apparaten', 8900],
  ['SUB-MONTHLY', 'Koffie-abonnement maand', 'Abonnement', 2450],
  ['SUB-YEARLY', 'Koffie-abonnement jaar', 'Abonnement', 24900],
  ['SERV-DESCALE', 'Ontkalkservice', 'Service', 3950],
  ['CHOC-BAR', 'Chocoladereep', 'Snoep', 295],
  ['GIFT-BOX', 'Cadeaubox', 'Cadeau', 3495],
] as const;

const day = 86_400_000;

/**
 * Purchases over the last year; a fifth of the customers buy most, as in real shops, and one
 * customer in seven mostly buys on offer (15% off), so that the demo has price-loyal customers.
 */
export function seedPurchases(em: EntityManager, random: Random, customers: Customer[], count: number, now: Date) {
  const products = catalogue.map(([sku, name, category, price]) =>
    em.create(Product, { sku, name, category, listPrices: { EUR: price } }),
  );
  const loyal = customers.slice(0, Math.ceil(customers.length / 5));
  for (let i = 0; i < count; i++) {
    const customer = random.chance(0.6) ? random.pick(loyal) : random.pick(customers);
    const index = random.int(0, products.length - 1);
    const product = products[index] as Product;
    const quantity = random.chance(0.8) ? 1 : random.int(2, 4);
    const onOffer = customers.indexOf(customer) % 7 === 3 && random.chance(0.8);
    em.create(Purchase, {
      customer,
      product,
      quantity,
      amountMinor: Math.round((catalogue[index]?.[3] ?? 0) * quantity * (onOffer ? 0.85 : 1)),
      currency: 'EUR',
      purchasedAt: new Date(now.getTime() - random.int(0, 364) * day - random.int(0, day - 1)),
    });
  }
}
