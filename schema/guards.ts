import type { Customer, Feedback, Segment, Ticket } from '../db/entities/index.ts';
import {
  assertCan,
  can,
  canSeeCustomer,
  canSeeSegment,
  canSeeTicket,
  customerScope,
  type Operation,
} from '../domain/access/access.ts';
import { customerNotFound } from '../domain/customers/find-customer.ts';
import { NotFoundError } from '../domain/shared/errors.ts';
import type { Context } from './context.ts';

/**
 * The schema's side of authorization: every resolver asks here, and here asks the domain's access
 * rules (canSeeCustomer and the permissions table). Objects out of the caller's scope answer "not found", never "forbidden".
 */
export function allow(ctx: Context, operation: Operation): void {
  assertCan(ctx.principal, operation);
}

export async function visibleCustomer(ctx: Context, id: number, field: string): Promise<Customer> {
  const customer = await ctx.loaders.customer.load(id);
  if (!customer || !canSeeCustomer(ctx.principal, customer)) throw customerNotFound(field);
  return customer;
}

export async function visibleTicket(ctx: Context, id: number, field: string): Promise<Ticket> {
  const ticket = await ctx.loaders.ticket.load(id);
  if (!ticket || !canSeeTicket(ctx.principal, ticket)) throw new NotFoundError('No ticket with this id.', field);
  return ticket;
}

export async function visibleSegment(ctx: Context, id: number, field: string): Promise<Segment> {
  const segment = await ctx.loaders.segment.load(id);
  if (!segment || !canSeeSegment(ctx.principal, segment)) throw new NotFoundError('No segment with this id.', field);
  return segment;
}

export async function visibleFeedback(ctx: Context, id: number, field: string): Promise<Feedback> {
  const feedback = await ctx.loaders.feedback.load(id);
  const customer = feedback ? await ctx.loaders.customer.load(feedback.customer.id) : null;
  if (!feedback || !customer || !canSeeCustomer(ctx.principal, customer))
    throw new NotFoundError('No feedback with this id.', field);
  return feedback;
}

/** Narrows list filters to the caller's scope: members see their team, customers themselves. */
export function scopedTeamIds(ctx: Context, requested: number[] | undefined): number[] | undefined {
  const { teamId } = customerScope(ctx.principal);
  if (teamId === undefined) return requested;
  // Asking for other teams only gives nothing: -1 is an id no team has.
  return !requested?.length || requested.includes(teamId) ? [teamId] : [-1];
}

export function scopedCustomerId(ctx: Context, requested: number | null | undefined): number | null | undefined {
  const { customerId } = customerScope(ctx.principal);
  if (customerId === undefined) return requested;
  return requested != null && requested !== customerId ? -1 : customerId;
}

/** Whether `node(id:)` may return an object: the same scopes as the lists. */
export const nodeVisibility = {
  team: (ctx: Context) => (team: { id: number }) => {
    const { teamId, customerId } = customerScope(ctx.principal);
    return customerId === undefined && (teamId === undefined || teamId === team.id) && can(ctx.principal, 'team.read');
  },
  member: (ctx: Context) => (member: { team: { id: number } }) => nodeVisibility.team(ctx)(member.team),
  customer: (ctx: Context) => (customer: Customer) =>
    can(ctx.principal, 'customer.read') && canSeeCustomer(ctx.principal, customer),
  ofCustomer: (ctx: Context) => async (item: { customer: { id: number } }) => {
    const customer = await ctx.loaders.customer.load(item.customer.id);
    return customer !== null && nodeVisibility.customer(ctx)(customer);
  },
  ticket: (ctx: Context) => (ticket: Ticket) =>
    can(ctx.principal, 'ticket.read') && canSeeTicket(ctx.principal, ticket),
  catalog: (ctx: Context) => () => can(ctx.principal, 'catalog.read'),
};
