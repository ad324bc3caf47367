import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
  getNamedType,
} from 'graphql';
import { can } from '../domain/access/access.ts';
import type { CustomerListPlan } from '../domain/customers/customer-list-view.ts';
import { isPageSize } from '../domain/data/pagination.ts';
import type { Context } from './context.ts';
import { columnsRead, connectionNodes, objectTypeOf, selectedFields } from './look-ahead.ts';

/**
 * What the selection under a `customers` field reads, for the one-statement list
 * (listCustomersAhead): the customers' columns, and their team, latest answer and one
 * page of tickets when selected. Tickets asked for with several sets of arguments (aliases) or
 * after a cursor are left to their loader.
 */
export function customerListPlan(info: GraphQLResolveInfo, ctx: Context): CustomerListPlan {
  // A plan depends on the document (its field nodes are the same objects while Yoga caches the
  // parsed document), the variables and whether the caller may read tickets: made once for each.
  const ticketsReadable = can(ctx.principal, 'ticket.read');
  const key = `${ticketsReadable}|${JSON.stringify(info.variableValues)}`;
  const node = info.fieldNodes[0]!;
  const known = plans.get(node) ?? new Map<string, CustomerListPlan>();
  const cached = known.get(key);
  if (cached) return cached;
  const plan = makePlan(info, ticketsReadable);
  if (known.size >= maxPlansPerField) known.clear();
  plans.set(node, known.set(key, plan));
  return plan;
}

const plans = new WeakMap<FieldNode, Map<string, CustomerListPlan>>();
// Variables include the page cursor, so a list paged through makes a plan per page: bounded.
const maxPlansPerField = 100;

function makePlan(info: GraphQLResolveInfo, ticketsReadable: boolean): CustomerListPlan {
  const items = connectionNodes(info, getNamedType(info.returnType) as GraphQLObjectType, info.fieldNodes);
  const customer = items.type;
  const fields = selectedFields(info, customer, items.nodes);
  const plan: CustomerListPlan = { customer: columnsRead(customer, fields) };
  const neighbour = (name: string) => {
    const type = objectTypeOf(customer.getFields()[name]);
    return columnsRead(type, selectedFields(info, type, fields.get(name) ?? []));
  };
  if (fields.has('team')) plan.team = neighbour('team');
  if (fields.has('latestFeedback')) plan.latestFeedback = neighbour('latestFeedback');
  const tickets = fields.get('tickets');
  if (tickets && ticketsReadable) {
    const field = customer.getFields().tickets!;
    const argumentSets = tickets.map(
      (node: FieldNode) =>
        getArgumentValues(field, node, info.variableValues) as {
          first?: number;
          after?: string;
          last?: number;
          before?: string;
          status?: string[];
          statuses?: string[];
        },
    );
    const [args] = argumentSets;
    // A page size out of range is left to the tickets field itself, so that its error names its own path.
    if (
      args &&
      !args.after &&
      !args.before &&
      args.last == null &&
      isPageSize(args.first) &&
      argumentSets.every((other) => JSON.stringify(other) === JSON.stringify(args))
    ) {
      const ticketItems = connectionNodes(info, objectTypeOf(field), tickets);
      plan.tickets = {
        columns: columnsRead(ticketItems.type, selectedFields(info, ticketItems.type, ticketItems.nodes)),
        key: { first: args.first, after: args.after, filter: args.statuses ?? args.status },
      };
    }
  }
  return plan;
}
