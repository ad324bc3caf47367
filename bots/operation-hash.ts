import { createHash } from 'node:crypto';

/**
 * A GraphQL document's id as a persisted operation: the hex SHA-256 of its text (Apollo's
 * `extensions.persistedQuery.sha256Hash`). The bots send it and the API looks operations up by it,
 * so both take it from here.
 */
export const operationHash = (document: string) => createHash('sha256').update(document).digest('hex');
