import { readFileSync } from 'node:fs';
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isUnionType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../schema/index.ts';
import { printedSchema, schemaFile } from '../../schema/print.ts';

describe('schema.graphql', () => {
  it('is the schema the code builds (run `npm run schema:print` after changing it)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists in each mutation’s payload only the errors it can return', () => {
    const unions = Object.values(schema.getTypeMap()).filter(
      (type) => isUnionType(type) && type.name.endsWith('Payload'),
    ) as import('graphql').GraphQLUnionType[];
    const members = Object.fromEntries(unions.map((union) => [union.name, union.getTypes().map((type) => type.name)]));
    // Every mutation checks its input and the caller's rights; a ticket's state only matters to ticket actions.
    for (const [name, types] of Object.entries(members)) {
      expect([name, types.includes('ValidationError') && types.includes('ForbiddenError')]).toEqual([name, true]);
      expect([name, types.includes('InvalidTransitionError')]).toEqual([name, /Ticket|RecordApology/.test(name)]);
    }
    expect(members.ClaimChatDeliveriesPayload).toEqual([
      'ClaimChatDeliveriesSuccess',
      'ForbiddenError',
      'ValidationError',
    ]);
    expect(members.CreateTeamPayload).not.toContain('NotFoundError');
  });
});
