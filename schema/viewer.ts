import type { Viewer } from '../domain/access/api-tokens.ts';
import { builder } from './builder.ts';
import { CustomerRef } from './customer.ts';
import { TokenRoleEnum } from './enums.ts';
import { TeamMemberRef } from './team.ts';

const ViewerRef = builder.objectRef<Viewer>('Viewer').implement({
  description: 'The caller, as identified by the API token of the request.',
  fields: (t) => ({
    tokenName: t.exposeString('name', { description: 'Name of the API token.' }),
    role: t.expose('role', { type: TokenRoleEnum, description: 'Kind of token.' }),
    member: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'The team member the token acts as; ticket history names them.',
      resolve: (viewer, _args, ctx) => (viewer.member ? ctx.loaders.member.load(viewer.member.id) : null),
    }),
    chatMember: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'For a bot acting for a chat user (X-Chat-User header): the team member linked to that user.',
      resolve: (_viewer, _args, ctx) => ctx.chatUser?.member ?? null,
    }),
    chatCustomer: t.field({
      type: CustomerRef,
      nullable: true,
      description: 'For a bot acting for a chat user (X-Chat-User header): the customer linked to that user.',
      resolve: (_viewer, _args, ctx) => ctx.chatUser?.customer ?? null,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, description: 'Who the API thinks you are.', resolve: (_root, _args, ctx) => ctx.viewer }),
);
