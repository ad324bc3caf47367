// npm run operations: prints the persisted operations as an Apollo persisted query manifest, for
// clients that send hashes (ids are the documents' SHA-256 in hex).
import { parse } from 'graphql';
import { knownOperations } from '../persisted-operations.ts';

const operations = [...knownOperations].map(([id, body]) => {
  const definition = parse(body).definitions.find((node) => node.kind === 'OperationDefinition');
  return { id, name: definition?.name?.value ?? null, type: definition?.operation, body };
});
console.log(JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2));
