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
