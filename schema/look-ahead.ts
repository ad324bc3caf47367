import {
  type FieldNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getDirectiveValues,
  getNamedType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Columns } from '../domain/customers/customer-list-view.ts';

type Document = Pick<GraphQLResolveInfo, 'fragments' | 'variableValues'>;

/**
 * Field option `extensions` of a resolver that reads entity properties other than the one it
 * exposes, so that a look-ahead selects their columns. A field that neither exposes a property nor
 * says what it reads makes the look-ahead select every column.
 */
export const reads = <T>(...properties: (keyof T & string)[]) => ({ reads: properties });

function included(document: Document, node: SelectionNode): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, document.variableValues);
  const include = getDirectiveValues(GraphQLIncludeDirective, node, document.variableValues);
  return skip?.if !== true && include?.if !== false;
}

function applies(type: GraphQLObjectType, condition: string | undefined): boolean {
  return !condition || condition === type.name || type.getInterfaces().some((face) => face.name === condition);
}

/**
 * The fields selected on `type` under `nodes`, by field name (aliases together), with fragments
 * spread and @skip/@include applied as the executor applies them.
 */
export function selectedFields(
  document: Document,
  type: GraphQLObjectType,
  nodes: readonly FieldNode[],
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(document, selection)) continue;
      if (selection.kind === Kind.FIELD) {
        fields.set(selection.name.value, [...(fields.get(selection.name.value) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(type, selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else {
        const fragment = document.fragments[selection.name.value];
        if (fragment && applies(type, fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return fields;
}

/** The object type a field returns, through lists and non-nulls. */
export function objectTypeOf(field: GraphQLField<unknown, unknown> | undefined): GraphQLObjectType {
  const type = field && getNamedType(field.type);
  if (!isObjectType(type)) throw new Error(`${field?.name} does not return an object type`);
  return type;
}

/** A connection's items as selected: under `nodes` and under `edges { node }`. */
export function connectionNodes(
  document: Document,
  connection: GraphQLObjectType,
  nodes: readonly FieldNode[],
): { type: GraphQLObjectType; nodes: FieldNode[] } {
  const fields = selectedFields(document, connection, nodes);
  const edge = objectTypeOf(connection.getFields().edges);
  const edgeFields = selectedFields(document, edge, fields.get('edges') ?? []);
  return {
    type: objectTypeOf(connection.getFields().nodes),
    nodes: [...(fields.get('nodes') ?? []), ...(edgeFields.get('node') ?? [])],
  };
}

/** The entity properties that the selected fields of `type` read (see `reads`). */
export function columnsRead(type: GraphQLObjectType, fields: Map<string, FieldNode[]>): Columns {
  const columns = new Set<string>();
  for (const name of fields.keys()) {
    if (name === '__typename') continue;
    const extensions = type.getFields()[name]?.extensions ?? {};
    const properties = extensions.pothosExposedField
      ? [extensions.pothosExposedField]
      : // A node's global id is made of its primary key.
        (extensions.reads ?? (name === 'id' ? ['id'] : null));
    if (!Array.isArray(properties)) return 'all';
    for (const property of properties) columns.add(String(property));
  }
  return columns;
}
