import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChatPlatform } from '../../db/enums.ts';

/**
 * Takes or renews the lease on a platform's websocket for `holder` (a process): it is granted when
 * nobody holds it, the holder itself renews it, or the last holder let it run out (died). True when
 * `holder` holds it now, for `ttlSeconds`.
 */
export async function claimConnectionLease(
  em: EntityManager,
  platform: ChatPlatform,
  holder: string,
  ttlSeconds: number,
): Promise<boolean> {
  const rows = await em.getConnection().execute(
    `insert into chat_connection_lease as l (platform, holder, expires_at)
     values (?, ?, now() + make_interval(secs => ?))
     on conflict (platform) do update set holder = excluded.holder, expires_at = excluded.expires_at
      where l.holder = excluded.holder or l.expires_at < now()
     returning holder`,
    [platform, holder, ttlSeconds],
    'all',
  );
  return rows.length === 1;
}

/** Gives the lease up at once (a clean stop), so another process need not wait for it to run out. */
export async function releaseConnectionLease(em: EntityManager, platform: ChatPlatform, holder: string): Promise<void> {
  await em
    .getConnection()
    .execute('delete from chat_connection_lease where platform = ? and holder = ?', [platform, holder], 'run');
}

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
