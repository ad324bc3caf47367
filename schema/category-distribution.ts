import { withStatementTimeout } from '../domain/data/statement-timeout.ts';
import { type CategoryCount, categoryDistribution } from '../domain/reports/category-distribution.ts';
import { builder } from './builder.ts';
import { LoyaltyCategoryEnum } from './customer-loyalty.ts';
import { allow } from './guards.ts';
import { ReportScope, reportScope } from './report-scope.ts';

const CategoryCountRef = builder.objectRef<CategoryCount>('LoyaltyCategoryCount').implement({
  description: 'How many customers are in one loyalty category.',
  fields: (t) => ({
    category: t.expose('category', { type: LoyaltyCategoryEnum, description: 'The category.' }),
    customers: t.exposeInt('customers', { description: 'Customers in it now.' }),
  }),
});

builder.queryField('loyaltyCategories', (t) =>
  t.field({
    type: [CategoryCountRef],
    description:
      'The customers in scope by loyalty category now (each classified as their own `loyalty.category`), every category listed; erased customers left out.',
    args: { scope: t.arg({ type: ReportScope, description: 'Whom it covers.' }) },
    resolve: async (_root, args, ctx) => {
      allow(ctx, 'report.read');
      const scope = await reportScope(ctx, args.scope);
      return withStatementTimeout(ctx.em, ctx.settings.reportTimeoutMs ?? 120_000, (tx) =>
        categoryDistribution(tx, scope),
      );
    },
  }),
);
