// Writes schema.graphql, the committed contract that frontend teams read and diff.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { schema } from './index.ts';

export const schemaFile = path.join(import.meta.dirname, '..', 'schema.graphql');
export const printedSchema = () => `${printSchema(schema)}\n`;

if (import.meta.main) {
  writeFileSync(schemaFile, printedSchema());
  console.log(`wrote ${path.relative(process.cwd(), schemaFile)}`);
}
