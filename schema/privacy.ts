import { encodeGlobalID } from '@pothos/plugin-relay';
import { type AuditEntry, AuditEntry as AuditEntryEntity } from '../db/entities/index.ts';
import { can } from '../domain/access/access.ts';
import { auditLog } from '../domain/access/audit.ts';
import { eraseCustomer, exportCustomer } from '../domain/customers/privacy-service.ts';
import { builder } from './builder.ts';
import { connectionType, pageArgs } from './connection.ts';
import { CustomerRef } from './customer.ts';
import { ActionChannelEnum } from './enums.ts';
import { mutationErrors } from './errors.ts';
import { allow, visibleCustomer } from './guards.ts';
import { decodeId, decodeIdOfTypes, loadNodes } from './ids.ts';

/** What the audit trail records changes of. */
const auditedTypes = ['Customer', 'Team', 'TeamMember', 'ApiToken'] as const;
const auditSubject = (globalId: string) => decodeIdOfTypes(globalId, auditedTypes, 'subjectId');

const CustomerIdInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({ customerId: t.id({ required: true, description: 'Global id of the customer.' }) }),
  });

const ExportRef = builder.objectRef<{ data: unknown }>('CustomerExport').implement({
  description: 'Everything loyalty-loop holds about one customer.',
  fields: (t) => ({
    data: t.field({
      type: 'JSON',
      description: 'profile, purchases, feedback and tickets with their history, as one JSON document.',
      resolve: (e) => e.data,
    }),
  }),
});

builder.mutationFields((t) => ({
  exportCustomerData: t.field({
    type: ExportRef,
    description:
      'Exports all data about a customer (the right of access): admins, or the customer’s own token. Audited.',
    errors: mutationErrors('exportCustomerData', ['notFound'], { name: 'export', description: 'The export.' }),
    args: {
      input: t.arg({
        type: CustomerIdInput('ExportCustomerDataInput', 'Whose data to export.'),
        required: true,
        description: 'The customer.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'customer.export');
      const customer = await visibleCustomer(
        ctx,
        decodeId(input.customerId, 'Customer', 'input.customerId'),
        'input.customerId',
      );
      return { data: await exportCustomer(ctx.em, customer.id, ctx.actor) };
    },
  }),
  eraseCustomer: t.field({
    type: CustomerRef,
    description:
      'Erases a customer’s personal data (the right to be forgotten): profile anonymised, comments and notes removed, tokens revoked; scores, purchases and the company account (not personal data) kept, so team and account reports stay true. Admins only; recorded in the audit log.',
    errors: mutationErrors('eraseCustomer', ['notFound'], {
      name: 'customer',
      description: 'The customer, anonymised.',
    }),
    args: {
      input: t.arg({
        type: CustomerIdInput('EraseCustomerInput', 'Whom to erase.'),
        required: true,
        description: 'The customer.',
      }),
    },
    resolve: async (_root, { input }, ctx) => {
      allow(ctx, 'customer.erase');
      const customer = await visibleCustomer(
        ctx,
        decodeId(input.customerId, 'Customer', 'input.customerId'),
        'input.customerId',
      );
      return eraseCustomer(ctx.em, customer.id, ctx.actor);
    },
  }),
}));

const AuditEntryRef = builder.objectRef<AuditEntry>('AuditEntry');
builder.node(AuditEntryRef, {
  description: 'One change to a customer, team, member or API token: who, what, when, through which channel.',
  isTypeOf: (value) => value instanceof AuditEntryEntity,
  id: { resolve: (entry) => entry.id },
  loadMany: (ids, ctx) => loadNodes(ctx.loaders.auditEntry, ids, () => can(ctx.principal, 'audit.read')),
  fields: (t) => ({
    subjectId: t.id({
      description: 'Global id of the object that changed (pass it to `auditLog(subjectId:)` or `node(id:)`).',
      resolve: (e) => encodeGlobalID(e.entityType, e.entityId),
    }),
    action: t.exposeString('action', {
      description: 'e.g. customer.update, member.update, token.revoke, customer.erase.',
    }),
    entityType: t.exposeString('entityType', { description: 'Customer, Team, TeamMember or ApiToken.' }),
    entityId: t.exposeInt('entityId', {
      description: 'Database id of the object.',
      deprecationReason: 'Use subjectId, a global id like every other id of the API.',
    }),
    actorName: t.exposeString('actorName', { description: 'Who did it, as named at the time.' }),
    channel: t.expose('channel', { type: ActionChannelEnum, description: 'Through which channel.' }),
    changes: t.stringList({
      nullable: true,
      description: 'The fields that were given (never their values).',
      resolve: (e) => e.changes ?? null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When.' }),
  }),
});
const AuditConnection = connectionType('AuditEntry', AuditEntryRef, 'audit entry');

builder.queryField('auditLog', (t) =>
  t.field({
    type: AuditConnection,
    description: 'Admins: the audit trail, newest first. Ticket changes are in each ticket’s own history.',
    args: {
      ...pageArgs,
      subjectId: t.arg.id({
        description: 'Only changes to this object: its global id (Customer, Team, TeamMember or ApiToken).',
      }),
      entityType: t.arg.string({ description: 'Only changes to this kind of object, e.g. Customer.' }),
      entityId: t.arg.int({
        description: 'Only changes to the object with this database id.',
        deprecationReason: 'Use subjectId, a global id.',
      }),
    },
    resolve: (_root, { subjectId, ...args }, ctx) => {
      allow(ctx, 'audit.read');
      const subject = subjectId ? auditSubject(subjectId) : null;
      return auditLog(
        ctx.em,
        { ...args, ...(subject && { entityType: subject.typename, entityId: subject.id }) },
        args,
      );
    },
  }),
);
