import { customerWhere } from '../domain/customers/customer-list.ts';
import type { ReportScope as DomainReportScope } from '../domain/reports/report-scope.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { customerFilter } from './customer-filter.ts';
import { scopedTeamIds } from './guards.ts';
import { decodeId } from './ids.ts';

export const ReportScope = builder.inputType('ReportScope', {
  description:
    'Whom a report covers: everyone when left out; conditions given together must all hold (a team’s customers in a segment).',
  fields: (t) => ({
    teamId: t.id({ description: 'Only this team’s customers (members’ reports always cover their own team).' }),
    accountId: t.id({ description: 'Only this company account’s customers.' }),
    segmentId: t.id({ description: 'Only the customers in this saved segment (as they are now).' }),
    customerId: t.id({ description: 'Only this customer.' }),
  }),
});

/** The scope input as the domain's: members kept to their team, a segment replaced by its filter. */
export async function reportScope(
  ctx: Context,
  input: typeof ReportScope.$inferInput | null | undefined,
): Promise<DomainReportScope> {
  const { teamId: requestedTeam, customerId, ...customerConditions } = input ?? {};
  const requested = requestedTeam ? decodeId(requestedTeam, 'Team', 'scope.teamId') : undefined;
  const teamId = scopedTeamIds(ctx, requested === undefined ? undefined : [requested])?.[0] ?? null;
  const filter = await customerFilter(ctx, customerConditions, 'scope');
  if (customerId) filter.customerId = decodeId(customerId, 'Customer', 'scope.customerId');
  const hasCustomerConditions = Object.values(filter).some((value) => value != null);
  return { teamId, customers: hasCustomerConditions ? customerWhere(filter) : null };
}
