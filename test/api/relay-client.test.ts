import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operationHash } from '../../bots/operation-hash.ts';
import { submitFeedback } from '../../bots/operations.ts';
import { createLogger } from '../../server/logger.ts';
import { loadOperationManifest } from '../../server/operation-manifest.ts';
import { createApp } from '../../server/yoga.ts';
import { gid } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeCustomer, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const root = path.resolve(import.meta.dirname, '../..');

/** A Relay app's fragment: a ticket's history, paged backward, refetchable by its persisted query. */
const fragment = `import { graphql } from 'react-relay';

export const fragment = graphql\`
  fragment TicketHistory_ticket on Ticket
  @refetchable(queryName: "TicketHistoryPaginationQuery")
  @argumentDefinitions(last: { type: "Int", defaultValue: 2 }, before: { type: "String" }) {
    events(last: $last, before: $before) @connection(key: "TicketHistory_events") {
      edges { node { id type note } }
    }
  }
\`;
`;

describe('a Relay app', () => {
  it('compiles a backward-paginated fragment with relay-compiler, and its persisted query runs by documentId', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'relay-'));
    mkdirSync(path.join(project, 'src'));
    copyFileSync(path.join(root, 'schema.graphql'), path.join(project, 'schema.graphql'));
    writeFileSync(path.join(project, 'src', 'TicketHistory.ts'), fragment);
    // relay-compiler adds to the file it persists into; it must exist.
    writeFileSync(path.join(project, 'persisted-queries.json'), '{}');
    writeFileSync(
      path.join(project, 'relay.config.json'),
      JSON.stringify({
        src: './src',
        schema: './schema.graphql',
        language: 'typescript',
        persistConfig: { file: './persisted-queries.json', algorithm: 'SHA256' },
        eagerEsModules: true,
      }),
    );
    execFileSync(process.execPath, [path.join(root, 'node_modules/relay-compiler/cli.js')], {
      cwd: project,
      stdio: 'pipe',
    });
    const reader = readFileSync(path.join(project, 'src/__generated__/TicketHistory_ticket.graphql.ts'), 'utf8');
    expect(reader).toContain('"direction": "backward"');
    const query = readFileSync(path.join(project, 'src/__generated__/TicketHistoryPaginationQuery.graphql.ts'), 'utf8');
    const documentId = query.match(/"id": "([0-9a-f]{64})"/)?.[1];
    expect(documentId).toBeDefined();

    const em = db.orm.em.fork();
    const customer = await makeCustomer(em, await makeTeam(em));
    const token = await makeToken(em);
    const app = createApp({
      orm: db.orm,
      logger: createLogger('silent'),
      persistedOperationsOnly: true,
      operationManifest: loadOperationManifest(path.join(project, 'persisted-queries.json')),
    });
    // The ticket is opened through the bots' persisted submitFeedback; the page then comes by Relay's id.
    const post = async (body: unknown) =>
      (
        await app.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(body),
        })
      ).json() as Promise<any>;
    const opened = await post({
      extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(submitFeedback) } },
      variables: {
        input: {
          customerId: gid('Customer', customer.id),
          nps: 1,
          channel: 'WEB',
          idempotencyKey: crypto.randomUUID(),
        },
      },
    });
    const ticketId = opened.data.submitFeedback.ticket.id;
    const page = await post({ documentId, variables: { id: ticketId, last: 2 } });
    expect(page.errors).toBeUndefined();
    expect(page.data.node.events.edges.map((edge: any) => edge.node.type)).toEqual(['OPENED']);
    expect(page.data.node.events.pageInfo).toMatchObject({ hasPreviousPage: false });
  });
});
