import { withStatementTimeout } from '../domain/data/statement-timeout.ts';
import { type RecoveryGroup, type RecoveryParadox, recoveryParadox } from '../domain/reports/recovery-paradox.ts';
import { builder } from './builder.ts';
import { allow } from './guards.ts';
import { ReportScope, reportScope } from './report-scope.ts';

const GroupRef = builder.objectRef<RecoveryGroup>('RecoveryGroup').implement({
  description: 'Recovery tickets and how their customers scored before and after.',
  fields: (t) => ({
    tickets: t.exposeInt('tickets', {
      description: 'Recovery tickets resolved in the range whose opening answer had an NPS.',
    }),
    followedUp: t.exposeInt('followedUp', {
      description: 'Of those, how many customers gave an NPS again within 90 days after the resolution.',
    }),
    averageBefore: t.exposeFloat('averageBefore', {
      nullable: true,
      description: 'Mean NPS answer that opened the followed-up tickets.',
    }),
    averageAfter: t.exposeFloat('averageAfter', {
      nullable: true,
      description: 'Mean first NPS answer after resolution.',
    }),
    averageEffect: t.exposeFloat('averageEffect', {
      nullable: true,
      description: 'Mean of (after − before): the recovery effect in NPS points on the 0-10 scale.',
    }),
    npsAfter: t.exposeFloat('npsAfter', {
      nullable: true,
      description: 'NPS (−100 to 100) of the answers after recovery.',
    }),
  }),
});

const BaselineRef = builder.objectRef<RecoveryParadox['neverComplained']>('RecoveryBaseline').implement({
  description: 'NPS of the customers in scope who never had a recovery ticket, over the same range.',
  fields: (t) => ({
    n: t.exposeInt('n', { description: 'Their NPS answers in the range.' }),
    nps: t.exposeFloat('nps', { nullable: true, description: 'NPS, −100 to 100; null with no answers.' }),
  }),
});

const ParadoxRef = builder.objectRef<RecoveryParadox>('RecoveryParadoxReport').implement({
  description:
    'The service recovery paradox, measured: do customers whose complaint was handled well end up more loyal than before, and than those who never complained?',
  fields: (t) => ({
    all: t.field({ type: GroupRef, description: 'All recovery tickets resolved in the range.', resolve: (r) => r.all }),
    handledWell: t.field({
      type: GroupRef,
      description: 'Handled by the book: acknowledged and resolved within their deadlines, with an apology.',
      resolve: (r) => r.handledWell,
    }),
    handledOtherwise: t.field({
      type: GroupRef,
      description: 'The rest: late, or without an apology.',
      resolve: (r) => r.handledOtherwise,
    }),
    neverComplained: t.field({
      type: BaselineRef,
      description: 'The comparison group.',
      resolve: (r) => r.neverComplained,
    }),
  }),
});

builder.queryField('recoveryParadox', (t) =>
  t.field({
    type: ParadoxRef,
    description:
      'For recovery tickets resolved in [from, to): the first NPS answer after resolution against the one that opened the ticket, by how the ticket was handled, next to customers who never complained.',
    args: {
      scope: t.arg({ type: ReportScope, description: 'Whom it covers.' }),
      from: t.arg({ type: 'DateTime', required: true, description: 'Tickets resolved from (inclusive).' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'Tickets resolved before (exclusive).' }),
    },
    resolve: async (_root, args, ctx) => {
      allow(ctx, 'report.read');
      const scope = await reportScope(ctx, args.scope);
      return withStatementTimeout(ctx.em, ctx.settings.reportTimeoutMs ?? 120_000, (tx) =>
        recoveryParadox(tx, { scope, from: args.from, to: args.to }),
      );
    },
  }),
);
