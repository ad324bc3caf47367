import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codegen } from '@graphql-codegen/core';
import * as typescript from '@graphql-codegen/typescript';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { buildSchema, type OperationDefinitionNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const schemaText = readFileSync(path.join(root, 'schema.graphql'), 'utf8');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
// Every ```graphql block of the README; `#` comments in them are GraphQL comments.
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);

describe('the README’s example operations', () => {
  const documents = blocks.map((block, index) => ({
    location: `README.md block ${index + 1}`,
    document: parse(block),
  }));
  const operations = documents.flatMap(({ document }) =>
    document.definitions.filter((node): node is OperationDefinitionNode => node.kind === 'OperationDefinition'),
  );

  it('are all named, uniquely, and valid against schema.graphql', () => {
    expect(operations.length).toBeGreaterThan(15);
    const names = operations.map((operation) => operation.name?.value ?? '(anonymous)');
    expect(names).not.toContain('(anonymous)');
    expect(names.length).toBe(new Set(names).size);
    const schema = buildSchema(schemaText);
    for (const { location, document } of documents) {
      expect({ location, errors: validate(schema, document).map((error) => error.message) }).toEqual({
        location,
        errors: [],
      });
    }
  });

  it('generate TypeScript types with graphql-codegen', async () => {
    const output = await codegen({
      filename: 'readme-operations.ts',
      schema: parse(schemaText),
      documents,
      config: {},
      plugins: [{ typescript: {} }, { typescriptOperations: {} }],
      pluginMap: { typescript, typescriptOperations },
    });
    for (const operation of operations) {
      const suffix = operation.operation.charAt(0).toUpperCase() + operation.operation.slice(1);
      expect(output).toContain(`export type ${operation.name!.value}${suffix} =`);
    }
  });
});
