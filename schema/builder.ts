import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { Context } from './context.ts';

const capitalise = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    Date: { Input: string; Output: string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string | number };
  };
}>({
  plugins: [ErrorsPlugin, RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    idFieldOptions: { description: 'Global id (Relay): opaque, stable, accepted by `node(id:)`.' },
    nodeQueryOptions: {
      description: 'Fetches any object by its global id; null when nothing has that id.',
      args: { id: { description: 'A global id.' } },
    },
    nodesQueryOptions: {
      description: 'Fetches several objects by their global ids, in order; unknown ids give null.',
      args: { ids: { description: 'Global ids.' } },
    },
    nodeTypeOptions: { description: 'An object with a global id, fetchable with `node(id:)`.' },
  },
  errors: {
    defaultResultOptions: { name: ({ fieldName }) => `${capitalise(fieldName)}Success` },
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalise(fieldName)}Payload` },
  },
});

/** The builder's type parameters, for helpers that take Pothos field builders (shared input fields). */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
