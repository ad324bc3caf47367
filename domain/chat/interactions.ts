import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Records that a chat interaction (by the platform's id) is being handled; true for the first
 * caller only, in any process. Platforms answer one interaction once, so the others only answer.
 */
export async function firstToHandle(em: EntityManager, key: string): Promise<boolean> {
  const rows = await em
    .getConnection()
    .execute(
      'insert into chat_interaction (key, created_at) values (?, now()) on conflict (key) do nothing returning key',
      [key],
      'all',
    );
  return rows.length === 1;
}

/** Forgets interactions older than a day: no platform redelivers one that late. */
export async function forgetOldInteractions(em: EntityManager): Promise<void> {
  await em
    .getConnection()
    .execute("delete from chat_interaction where created_at < now() - interval '1 day'", [], 'run');
}
