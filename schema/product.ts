import { Product } from '../db/entities/index.ts';
import { createProduct, listProducts, updateProduct } from '../domain/catalog/product-service.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { mutationErrors } from './errors.ts';
import { allow, nodeVisibility } from './guards.ts';
import { decodeId, loadNodes } from './ids.ts';
import { MoneyRef } from './money.ts';

export const ProductRef = builder.objectRef<Product>('Product');
const ProductConnection = connectionType('Product', ProductRef, 'product');

builder.node(ProductRef, {
  description: 'A product or service that customers buy: the catalogue.',
  isTypeOf: (value) => value instanceof Product,
  id: { resolve: (product) => product.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.product, ids, nodeVisibility.catalog(ctx)),
  fields: (t) => ({
    sku: t.exposeString('sku', { description: 'Stock-keeping unit, unique: the product’s key.' }),
    name: t.exposeString('name', { description: 'Product name.' }),
    category: t.exposeString('category', { nullable: true, description: 'Product category, for upsell analysis.' }),
    listPrices: t.field({
      type: [MoneyRef],
      description:
        'List price per currency, by currency code. A purchase 10% or more under the list price in its own currency counts as bought on discount (price-loyal customers).',
      resolve: (product) =>
        Object.entries(product.listPrices)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, amountMinor]) => ({ currency, amountMinor })),
    }),
    active: t.exposeBoolean('active', {
      description: 'False for a retired product: it can no longer be bought through the API; its history stays.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was added.' }),
  }),
});

const MoneyInput = builder.inputType('MoneyInput', {
  description: 'An amount in integer minor units (cents) of one currency.',
  fields: (t) => ({
    amountMinor: t.int({ required: true, description: 'Minor units, 0 or more.' }),
    currency: t.string({ required: true, description: 'ISO 4217 code, e.g. EUR.' }),
  }),
});

const ProductFilter = builder.inputType('ProductFilter', {
  description: 'Narrows the catalogue; all given conditions must hold.',
  fields: (t) => ({
    search: t.string({ description: 'Part of the SKU or the name, case-insensitive.' }),
    category: t.string({ description: 'This category exactly.' }),
    active: t.boolean({ description: 'Only active (true) or retired (false) products.' }),
  }),
});

builder.queryField('products', (t) =>
  t.field({
    type: ProductConnection,
    description: 'The catalogue, by SKU, a page at a time.',
    args: { ...pageArgs, filter: t.arg({ type: ProductFilter, description: 'Conditions on the products.' }) },
    resolve: (_root, { filter, ...page }, ctx) => {
      allow(ctx, 'catalog.read');
      return listProducts(ctx.em, filter ?? {}, page);
    },
  }),
);

const productFields = {
  name: 'Product name, 1-200 characters.',
  category: 'Category, up to 120 characters.',
  listPrices: 'List prices, one per currency (replaces all of them when given).',
  active: 'False retires the product (true when left out on creation).',
};

const CreateProductInput = builder.inputType('CreateProductInput', {
  description: 'A product to add to the catalogue.',
  fields: (t) => ({
    sku: t.string({ required: true, description: 'Stock-keeping unit, 1-64 characters, unique.' }),
    name: t.string({ required: true, description: productFields.name }),
    category: t.string({ description: productFields.category }),
    listPrices: t.field({ type: [MoneyInput], description: productFields.listPrices }),
    active: t.boolean({ description: productFields.active }),
  }),
});

const UpdateProductInput = builder.inputType('UpdateProductInput', {
  description: 'Changes to a product; fields left out keep their value.',
  fields: (t) => ({
    productId: t.id({ required: true, description: 'Global id of the product.' }),
    name: t.string({ description: productFields.name }),
    category: t.string({ description: `${productFields.category} Null clears it.` }),
    listPrices: t.field({ type: [MoneyInput], description: productFields.listPrices }),
    active: t.boolean({ description: productFields.active }),
  }),
});

const product = { name: 'product', description: 'The product as stored.' };

builder.mutationFields((t) => ({
  createProduct: t.field({
    type: ProductRef,
    description: 'Adds a product to the catalogue (admins and services). A taken SKU is a ConflictError.',
    errors: mutationErrors('createProduct', ['conflict'], product),
    args: { input: t.arg({ type: CreateProductInput, required: true, description: 'The product.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'catalog.write');
      return createProduct(ctx.em, input, ctx.actor);
    },
  }),
  updateProduct: t.field({
    type: ProductRef,
    description: 'Changes a product (admins and services).',
    errors: mutationErrors('updateProduct', ['notFound', 'conflict'], product),
    args: { input: t.arg({ type: UpdateProductInput, required: true, description: 'The changes.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'catalog.write');
      return updateProduct(
        ctx.em,
        { ...input, productId: decodeId(input.productId, 'Product', 'input.productId') },
        ctx.actor,
      );
    },
  }),
}));
