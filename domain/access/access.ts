import type { Customer, Segment, TeamMember, Ticket } from '../../db/entities/index.ts';
import type { MemberRole, TokenRole } from '../../db/enums.ts';
import { ForbiddenError } from '../shared/errors.ts';
import type { Viewer } from './api-tokens.ts';
import type { ChatUser } from './chat-identity.ts';

/**
 * Who the caller is for authorization, after a bot's chat user is taken into account: a bot acting
 * for a linked member is that member, one acting for a linked customer is that customer.
 */
export type Principal =
  | { role: 'ADMIN' }
  | { role: 'SERVICE' }
  | { role: 'BOT' }
  | { role: MemberRole; teamId: number; memberId: number }
  | { role: 'CUSTOMER'; customerId: number }
  | { role: 'NOBODY' };

export type Role = Principal['role'];

export function principalFor(viewer: Viewer, chatUser: ChatUser | null): Principal {
  const member = (m: TeamMember): Principal => ({ role: m.role, teamId: m.team.id, memberId: m.id });
  if (viewer.role === 'BOT' && chatUser) {
    if (chatUser.member) return member(chatUser.member);
    if (chatUser.customer) return { role: 'CUSTOMER', customerId: chatUser.customer.id };
    return { role: 'NOBODY' };
  }
  switch (viewer.role as TokenRole) {
    case 'ADMIN':
    case 'SERVICE':
    case 'BOT':
      return { role: viewer.role as 'ADMIN' | 'SERVICE' | 'BOT' };
    case 'MEMBER':
      return viewer.member
        ? { role: viewer.member.role, teamId: viewer.member.teamId, memberId: viewer.member.id }
        : { role: 'NOBODY' };
    case 'CUSTOMER':
      return viewer.customerId ? { role: 'CUSTOMER', customerId: viewer.customerId } : { role: 'NOBODY' };
  }
}

const staff = ['ADMIN', 'TEAM_LEAD', 'ACCOUNT_MANAGER'] as const;

/**
 * Every operation and the roles that may perform it: the one table that says who may do what.
 * Members are further limited to their own team's objects, customers to themselves (see scopes).
 */
export const permissions = {
  'team.read': [...staff, 'SERVICE', 'BOT'],
  'team.admin': ['ADMIN'],
  'customer.read': [...staff, 'SERVICE', 'BOT', 'CUSTOMER'],
  'customer.create': [...staff, 'SERVICE'],
  'customer.update': [...staff, 'SERVICE', 'CUSTOMER'],
  'customer.move': ['ADMIN', 'SERVICE'],
  'customer.export': ['ADMIN', 'CUSTOMER'],
  'customer.erase': ['ADMIN'],
  'catalog.read': [...staff, 'SERVICE', 'BOT'],
  'catalog.write': ['ADMIN', 'SERVICE'],
  'purchase.read': [...staff, 'SERVICE', 'BOT', 'CUSTOMER'],
  'purchase.create': [...staff, 'SERVICE'],
  'feedback.read': [...staff, 'SERVICE', 'BOT', 'CUSTOMER'],
  'feedback.submit': [...staff, 'SERVICE', 'CUSTOMER'],
  'ticket.read': [...staff, 'SERVICE', 'BOT'],
  'ticket.act': staff,
  'ticket.assign': ['ADMIN', 'TEAM_LEAD'],
  'survey.send': [...staff, 'SERVICE'],
  'delivery.work': ['BOT'],
  'delivery.admin': ['ADMIN'],
  'audit.read': ['ADMIN'],
  'report.read': [...staff, 'SERVICE'],
  'loyalty.read': [...staff, 'SERVICE', 'BOT'],
  'reward.read': [...staff, 'SERVICE', 'BOT', 'CUSTOMER'],
  'reward.write': [...staff, 'SERVICE'],
  'segment.read': [...staff, 'SERVICE'],
  'segment.write': [...staff, 'SERVICE'],
} as const satisfies Record<string, readonly Role[]>;

export type Operation = keyof typeof permissions;

export function can(principal: Principal, operation: Operation): boolean {
  return (permissions[operation] as readonly Role[]).includes(principal.role);
}

export function assertCan(principal: Principal, operation: Operation): void {
  if (!can(principal, operation)) throw new ForbiddenError(`Your API token may not ${operation.replace('.', ': ')}.`);
}

/** Whose customers a caller may see: one team's, one customer, or (empty) anyone's. */
export interface CustomerScope {
  teamId?: number;
  customerId?: number;
}

/** The customers the principal may see: a filter for lists, and a check for single objects. */
export function customerScope(principal: Principal): CustomerScope {
  if (principal.role === 'TEAM_LEAD' || principal.role === 'ACCOUNT_MANAGER') return { teamId: principal.teamId };
  if (principal.role === 'CUSTOMER') return { customerId: principal.customerId };
  return {};
}

export function canSeeCustomer(principal: Principal, customer: Pick<Customer, 'id' | 'team'>): boolean {
  const scope = customerScope(principal);
  if (scope.customerId !== undefined) return customer.id === scope.customerId;
  if (scope.teamId !== undefined) return customer.team.id === scope.teamId;
  return true;
}

/** Members see their own team's segments and the shared ones (no team); others see all. */
export function canSeeSegment(principal: Principal, segment: Pick<Segment, 'team'>): boolean {
  const scope = customerScope(principal);
  if (scope.customerId !== undefined) return false;
  return scope.teamId === undefined || !segment.team || segment.team.id === scope.teamId;
}

/** Shared segments are changed by admins and services only; members change their team's. */
export function canChangeSegment(principal: Principal, segment: Pick<Segment, 'team'>): boolean {
  const scope = customerScope(principal);
  return scope.teamId === undefined ? scope.customerId === undefined : segment.team?.id === scope.teamId;
}

export function canSeeTicket(principal: Principal, ticket: Pick<Ticket, 'team'>): boolean {
  const scope = customerScope(principal);
  if (scope.customerId !== undefined) return false;
  return scope.teamId === undefined || ticket.team.id === scope.teamId;
}
