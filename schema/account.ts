import { Account } from '../db/entities/index.ts';
import { createAccount, listAccounts, updateAccount } from '../domain/catalog/account-service.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { mutationErrors } from './errors.ts';
import { allow, nodeVisibility } from './guards.ts';
import { decodeId, loadNodes } from './ids.ts';

export const AccountRef = builder.objectRef<Account>('Account');
const AccountConnection = connectionType('Account', AccountRef, 'account');

builder.node(AccountRef, {
  description: 'A company account that business customers belong to.',
  isTypeOf: (value) => value instanceof Account,
  id: { resolve: (account) => account.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.account, ids, nodeVisibility.catalog(ctx)),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Company name, unique.' }),
  }),
});

builder.queryField('accounts', (t) =>
  t.field({
    type: AccountConnection,
    description: 'Company accounts by name, a page at a time.',
    args: { ...pageArgs, search: t.arg.string({ description: 'Part of the name, case-insensitive.' }) },
    resolve: (_root, { search, ...page }, ctx) => {
      allow(ctx, 'catalog.read');
      return listAccounts(ctx.em, search, page);
    },
  }),
);

const CreateAccountInput = builder.inputType('CreateAccountInput', {
  description: 'A company account to add.',
  fields: (t) => ({ name: t.string({ required: true, description: 'Company name, 1-200 characters, unique.' }) }),
});

const UpdateAccountInput = builder.inputType('UpdateAccountInput', {
  description: 'A new name for a company account.',
  fields: (t) => ({
    accountId: t.id({ required: true, description: 'Global id of the account.' }),
    name: t.string({ required: true, description: 'Company name, 1-200 characters, unique.' }),
  }),
});

const account = { name: 'account', description: 'The account as stored.' };

builder.mutationFields((t) => ({
  createAccount: t.field({
    type: AccountRef,
    description: 'Adds a company account (admins and services). A taken name is a ConflictError.',
    errors: mutationErrors('createAccount', ['conflict'], account),
    args: { input: t.arg({ type: CreateAccountInput, required: true, description: 'The account.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'catalog.write');
      return createAccount(ctx.em, input, ctx.actor);
    },
  }),
  updateAccount: t.field({
    type: AccountRef,
    description: 'Renames a company account (admins and services); its customers stay with it.',
    errors: mutationErrors('updateAccount', ['notFound', 'conflict'], account),
    args: { input: t.arg({ type: UpdateAccountInput, required: true, description: 'The new name.' }) },
    resolve: (_root, { input }, ctx) => {
      allow(ctx, 'catalog.write');
      return updateAccount(
        ctx.em,
        { ...input, accountId: decodeId(input.accountId, 'Account', 'input.accountId') },
        ctx.actor,
      );
    },
  }),
}));
