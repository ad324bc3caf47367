import { describe, expect, it } from 'vitest';
import { Account } from '../../db/entities/index.ts';
import { apiClient, gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeMember, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

const productFields = 'id sku name category active listPrices { amountMinor currency }';
const createProduct = `mutation($input: CreateProductInput!) { createProduct(input: $input) {
  __typename ... on CreateProductSuccess { product { ${productFields} } } ... on Error { code field message } } }`;
const updateProduct = `mutation($input: UpdateProductInput!) { updateProduct(input: $input) {
  __typename ... on UpdateProductSuccess { product { ${productFields} } } ... on Error { code field message } } }`;

describe('the catalogue and accounts in the API', () => {
  it('creates, lists, finds, changes and retires products, with typed errors for bad input', async () => {
    const em = db.orm.em.fork();
    const admin = await makeToken(em);
    const sku = `ESP-${crypto.randomUUID().slice(0, 8)}`;
    const created = await graphql(admin, createProduct, {
      input: {
        sku,
        name: 'Espresso machine',
        category: 'Machines',
        listPrices: [
          { currency: 'usd', amountMinor: 32_900 },
          { currency: 'EUR', amountMinor: 29_900 },
        ],
      },
    });
    const product = created.data.createProduct.product;
    expect(product).toMatchObject({
      sku,
      active: true,
      listPrices: [
        { currency: 'EUR', amountMinor: 29_900 },
        { currency: 'USD', amountMinor: 32_900 },
      ],
    });
    // The same SKU again (a retry, or a clash) stores nothing new.
    const again = await graphql(admin, createProduct, { input: { sku, name: 'Other' } });
    expect(again.data.createProduct).toMatchObject({
      __typename: 'ConflictError',
      code: 'CONFLICT',
      field: 'input.sku',
    });
    const badCurrency = await graphql(admin, createProduct, {
      input: { sku: `${sku}-2`, name: 'X', listPrices: [{ currency: 'EURO', amountMinor: 1 }] },
    });
    expect(badCurrency.data.createProduct).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'input.listPrices.0.currency',
    });
    const twice = await graphql(admin, createProduct, {
      input: {
        sku: `${sku}-3`,
        name: 'X',
        listPrices: [
          { currency: 'EUR', amountMinor: 1 },
          { currency: 'EUR', amountMinor: 2 },
        ],
      },
    });
    expect(twice.data.createProduct).toMatchObject({ code: 'VALIDATION_FAILED', field: 'input.listPrices' });

    const listed = await graphql(
      admin,
      `query($search: String) { products(first: 5, filter: { search: $search }) { nodes { sku } } }`,
      {
        search: sku.toLowerCase(),
      },
    );
    expect(listed.data.products.nodes).toEqual([{ sku }]);
    const node = await graphql(admin, 'query($id: ID!) { node(id: $id) { ... on Product { sku } } }', {
      id: product.id,
    });
    expect(node.data.node).toEqual({ sku });

    const retired = await graphql(admin, updateProduct, {
      input: { productId: product.id, active: false, listPrices: [{ currency: 'EUR', amountMinor: 27_900 }] },
    });
    expect(retired.data.updateProduct.product).toMatchObject({
      name: 'Espresso machine',
      category: 'Machines',
      active: false,
      listPrices: [{ currency: 'EUR', amountMinor: 27_900 }],
    });
    const customer = await makeCustomer(em, await makeTeam(em));
    const bought = await graphql(
      admin,
      `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename ... on Error { code field message } } }`,
      {
        input: {
          customerId: gid('Customer', customer.id),
          productSku: sku,
          quantity: 1,
          amountMinor: 100,
          currency: 'EUR',
        },
      },
    );
    expect(bought.data.recordPurchase).toEqual({
      __typename: 'ValidationError',
      code: 'VALIDATION_FAILED',
      field: 'input.productSku',
      message: `Product "${sku}" is retired: no longer sold.`,
    });
  });

  it('lets members read the catalogue but only admins and services change it', async () => {
    const em = db.orm.em.fork();
    const member = await makeToken(em, 'MEMBER', await makeMember(em, await makeTeam(em)));
    const read = await graphql(member, '{ products(first: 1) { totalCount } accounts(first: 1) { totalCount } }');
    expect(read.errors).toBeUndefined();
    const write = await graphql(member, createProduct, { input: { sku: 'NOPE', name: 'No' } });
    expect(write.data.createProduct).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('creates, renames and lists company accounts with global ids, and customers point at them', async () => {
    const em = db.orm.em.fork();
    const admin = await makeToken(em);
    const name = `Koffiebar ${crypto.randomUUID().slice(0, 6)}`;
    const created = await graphql(
      admin,
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename ... on CreateAccountSuccess { account { id name } } ... on Error { code field } } }`,
      { input: { name } },
    );
    const account = created.data.createAccount.account;
    const taken = await graphql(
      admin,
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { __typename ... on Error { code field } } }`,
      { input: { name } },
    );
    expect(taken.data.createAccount).toEqual({ __typename: 'ConflictError', code: 'CONFLICT', field: 'input.name' });
    const renamed = await graphql(
      admin,
      `mutation($input: UpdateAccountInput!) { updateAccount(input: $input) { ... on UpdateAccountSuccess { account { id name } } } }`,
      { input: { accountId: account.id, name: `${name} BV` } },
    );
    expect(renamed.data.updateAccount.account).toEqual({ id: account.id, name: `${name} BV` });
    const listed = await graphql(admin, 'query($s: String) { accounts(first: 5, search: $s) { nodes { id name } } }', {
      s: name,
    });
    expect(listed.data.accounts.nodes).toEqual([{ id: account.id, name: `${name} BV` }]);
    const accountId = Number(Buffer.from(account.id, 'base64').toString().split(':')[1]);
    const customer = await makeCustomer(em, await makeTeam(em), { account: em.getReference(Account, accountId) });
    const shown = await graphql(
      admin,
      'query($id: ID!) { node(id: $id) { ... on Customer { account { id name } } } }',
      {
        id: gid('Customer', customer.id),
      },
    );
    expect(shown.data.node.account).toEqual({ id: account.id, name: `${name} BV` });
  });
});
