import { readFileSync } from 'node:fs';

/**
 * A frontend's persisted operations, by id, from the file its build wrote: Apollo's persisted
 * query list (`generate-persisted-query-manifest`: `{ format: "apollo-persisted-query-manifest",
 * operations: [{ id, body }] }`) or Relay's (`relay-compiler` with `persistConfig.file`:
 * `{ "<id>": "<document>" }`). A file in neither shape stops the start with a message that says so.
 */
export function loadOperationManifest(file: string): Map<string, string> {
  const content: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const refuse = (why: string) => new Error(`PERSISTED_OPERATIONS_FILE ${file}: ${why}`);
  if (!content || typeof content !== 'object' || Array.isArray(content)) throw refuse('not a JSON object');
  const manifest = content as Record<string, unknown>;
  if (manifest.format === 'apollo-persisted-query-manifest') {
    if (!Array.isArray(manifest.operations)) throw refuse('an Apollo manifest without `operations`');
    return new Map(
      manifest.operations.map((operation: { id?: unknown; body?: unknown }, index) => {
        if (typeof operation?.id !== 'string' || typeof operation.body !== 'string') {
          throw refuse(`operations[${index}] needs a string id and body`);
        }
        return [operation.id, operation.body];
      }),
    );
  }
  return new Map(
    Object.entries(manifest).map(([id, body]) => {
      if (typeof body !== 'string')
        throw refuse(`"${id}" is not a document (expected Relay's { id: text } or Apollo's manifest)`);
      return [id, body];
    }),
  );
}
