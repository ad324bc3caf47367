import type { CustomerFilter as DomainCustomerFilter } from '../domain/customers/customer-list.ts';
import { segmentCustomerFilter } from '../domain/customers/segment-service.ts';
import { ValidationError } from '../domain/shared/errors.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { ContactChannelEnum, NpsCategoryEnum } from './enums.ts';
import { allow, visibleSegment } from './guards.ts';
import { decodeId, decodeIds } from './ids.ts';

export const CustomerFilter = builder.inputType('CustomerFilter', {
  description: 'Narrows the customer list; all given conditions must hold.',
  fields: (t) => ({
    teamIds: t.idList({ description: 'Owned by one of these teams.' }),
    accountId: t.id({ description: 'Belonging to this company account.' }),
    segmentId: t.id({ description: 'In this saved segment.' }),
    boughtWithinDays: t.int({ description: 'Bought at least once in the last N days (1-3650).' }),
    notBoughtWithinDays: t.int({ description: 'Did not buy in the last N days, or never (1-3650).' }),
    minChurnRisk: t.int({ description: 'Churn risk (as last evaluated, 0-100) at least this.' }),
    city: t.string({ description: 'City, case-insensitive exact match.' }),
    region: t.string({ description: 'Region, case-insensitive exact match.' }),
    preferredChannel: t.field({ type: ContactChannelEnum, description: 'Preferred contact channel.' }),
    npsCategory: t.field({ type: NpsCategoryEnum, description: 'Category of their newest NPS answer.' }),
    hasOpenTicket: t.boolean({ description: 'true: with an OPEN or ACKNOWLEDGED ticket; false: without one.' }),
    search: t.string({ description: 'Part of the name or e-mail, case-insensitive.' }),
    updatedSince: t.field({
      type: 'DateTime',
      description:
        'Whose own record (profile, consent, team, churn risk) changed at or after this (inclusive); new answers and purchases have lists and subscriptions of their own.',
    }),
  }),
});

function inRange(value: number | null | undefined, min: number, max: number, field: string) {
  if (value != null && (value < min || value > max))
    throw new ValidationError(`${field}: must be between ${min} and ${max}`, field);
}

/** The filter input as the domain's filter: ids decoded, a segment replaced by its own filter. */
export async function customerFilter(
  ctx: Context,
  input: typeof CustomerFilter.$inferInput | null | undefined,
  field: string,
): Promise<DomainCustomerFilter> {
  if (!input) return {};
  const { segmentId, accountId, teamIds, ...rest } = input;
  inRange(rest.boughtWithinDays, 1, 3650, `${field}.boughtWithinDays`);
  inRange(rest.notBoughtWithinDays, 1, 3650, `${field}.notBoughtWithinDays`);
  inRange(rest.minChurnRisk, 0, 100, `${field}.minChurnRisk`);
  if (segmentId) allow(ctx, 'segment.read');
  const segment = segmentId
    ? await visibleSegment(ctx, decodeId(segmentId, 'Segment', `${field}.segmentId`), `${field}.segmentId`)
    : null;
  return {
    ...rest,
    teamIds: decodeIds(teamIds, 'Team', `${field}.teamIds`),
    accountId: accountId ? decodeId(accountId, 'Account', `${field}.accountId`) : null,
    segment: segment ? segmentCustomerFilter(segment) : null,
  };
}
