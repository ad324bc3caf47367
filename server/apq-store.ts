import type { MikroORM } from '@mikro-orm/postgresql';
import { createLRUCache } from 'graphql-yoga';

/** Where documents registered by automatic persisted queries are kept, by their SHA-256. */
export interface ApqStore {
  get(hash: string): Promise<string | null>;
  put(hash: string, document: string): Promise<void>;
}

/** Documents this process has seen lately, so that a hash it knows costs no round trip. */
const localEntries = 1_000;
/** A used entry's time is written again only after this long, so that a hot hash does not write on every request. */
const touchAfterMs = 60 * 60_000;

/**
 * The shared store (table persisted_query), with an LRU in each process in front of it. Bounded
 * to `max` documents: each registration drops the least recently used beyond it, so a client
 * cannot fill the database by registering documents without end.
 */
export function createApqStore(orm: MikroORM, { max = 10_000 } = {}): ApqStore {
  const local = createLRUCache<{ document: string; touchedAt: number }>({ max: localEntries });
  const sql = (query: string, params: unknown[]) => orm.em.getConnection().execute(query, params);
  return {
    async get(hash) {
      const cached = local.get(hash);
      if (cached && Date.now() - cached.touchedAt < touchAfterMs) return cached.document;
      const [row] = await sql('update persisted_query set used_at = now() where hash = ? returning document', [hash]);
      if (!row) return null;
      local.set(hash, { document: row.document, touchedAt: Date.now() });
      return row.document as string;
    },
    async put(hash, document) {
      local.set(hash, { document, touchedAt: Date.now() });
      await sql(
        `with stored as (
           insert into persisted_query (hash, document, used_at) values (?, ?, now())
           on conflict (hash) do update set used_at = now() returning hash)
         delete from persisted_query where hash in (
           select hash from persisted_query where hash <> ? order by used_at desc offset ?)`,
        // The statement sees the table as it was before the insert: keep max - 1 others beside the new one.
        [hash, document, hash, Math.max(max - 1, 0)],
      );
    },
  };
}
