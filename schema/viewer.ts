import type { Viewer } from '../domain/api-tokens.ts';
import { builder } from './builder.ts';
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
      resolve: (viewer) => viewer.member,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({ type: ViewerRef, description: 'Who the API thinks you are.', resolve: (_root, _args, ctx) => ctx.viewer }),
);
