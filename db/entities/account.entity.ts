import { defineEntity, p } from '@mikro-orm/core';

/** A company account that customers may belong to (business customers). */
export const AccountSchema = defineEntity({
  name: 'Account',
  properties: {
    id: p.integer().primary(),
    name: p.string().length(200).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Account extends AccountSchema.class {}
AccountSchema.setClass(Account);
