import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer } from '../../db/entities/index.ts';

/** Whom a report covers: everyone, one team, or any set of customers (one customer, an account, a segment). */
export interface ReportScope {
  teamId?: number | null;
  /** A customer filter; left out, the report reads the per-team rollups. */
  customers?: FilterQuery<Customer> | null;
}

/** SQL fragments that restrict a report's sources to its scope, with their parameters in order. */
export interface ScopeSql {
  /** For rows with a customer_id column, given the row alias. */
  customer(alias: string): string;
  /** For rows with a team_id column when the scope is a team (or everyone), else a customer restriction. */
  team(alias: string): string;
  params: unknown[];
  /** True when the rollups kept per team can answer (everyone, or one team). */
  byTeam: boolean;
}

export function scopeSql(em: EntityManager, scope: ReportScope): ScopeSql {
  if (scope.customers) {
    const where = scope.teamId ? { $and: [scope.customers, { team: scope.teamId }] } : scope.customers;
    const qb = em
      .createQueryBuilder(Customer, 'sc')
      .select('sc.id')
      .where(where as never);
    const set = qb.getQuery();
    const clause = (alias: string) => `and ${alias}.customer_id in (${set})`;
    return { customer: clause, team: clause, params: [...qb.getParams()], byTeam: false };
  }
  if (scope.teamId) {
    return {
      customer: (alias) => `and ${alias}.customer_id in (select id from customer where team_id = ?)`,
      team: (alias) => `and ${alias}.team_id = ?`,
      params: [scope.teamId],
      byTeam: true,
    };
  }
  return { customer: () => '', team: () => '', params: [], byTeam: true };
}
