import { defineEntity, p } from '@mikro-orm/core';

/**
 * A document registered by a client through Apollo's automatic persisted queries, by its SHA-256:
 * shared by every API process, so a hash registered on one runs on all. Bounded: the least
 * recently used are dropped (APQ_STORE_MAX), and a client whose hash was dropped registers again.
 */
export const PersistedQuerySchema = defineEntity({
  name: 'PersistedQuery',
  properties: {
    hash: p.string().length(64).primary(),
    document: p.text(),
    usedAt: p.datetime().index(),
  },
});

export class PersistedQuery extends PersistedQuerySchema.class {}
PersistedQuerySchema.setClass(PersistedQuery);
