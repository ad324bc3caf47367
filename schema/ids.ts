import { decodeGlobalID } from '@pothos/plugin-relay';
import { ValidationError } from '../domain/shared/errors.ts';

/** Decodes a global id of the expected type to its database id, or fails naming the field. */
export function decodeId(globalId: string, typename: string, field: string): number {
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    decoded = undefined;
  }
  const id = Number(decoded?.id);
  if (decoded?.typename !== typename || !Number.isSafeInteger(id) || id < 1) {
    throw new ValidationError(`${field}: not a ${typename} id`, field);
  }
  return id;
}

/** Decodes a global id of one of several types: its type and database id, or fails naming the field. */
export function decodeIdOfTypes(globalId: string, typenames: readonly string[], field: string) {
  let typename: string | undefined;
  try {
    typename = decodeGlobalID(globalId).typename;
  } catch {
    typename = undefined;
  }
  if (!typename || !typenames.includes(typename)) {
    throw new ValidationError(`${field}: not an id of a ${typenames.join(', ')}`, field);
  }
  return { typename, id: decodeId(globalId, typename, field) };
}

export function decodeIds(globalIds: readonly string[] | null | undefined, typename: string, field: string) {
  return globalIds?.map((globalId, index) => decodeId(globalId, typename, `${field}.${index}`));
}

/**
 * Node loading for `node`/`nodes`: ids that are not numbers, point at nothing, or at something
 * outside the caller's scope, give null.
 */
export async function loadNodes<T>(
  loader: { loadMany(ids: number[]): Promise<(T | null | Error)[]> },
  ids: string[],
  visible: (item: T) => boolean | Promise<boolean>,
) {
  const results = await loader.loadMany(ids.map((id) => (/^\d+$/.test(id) ? Number(id) : 0)));
  return Promise.all(
    results.map(async (result) =>
      result instanceof Error || result === null || !(await visible(result)) ? null : result,
    ),
  );
}

/** A list of ids a filter takes: at most `max`, so that one argument cannot make a statement without end. */
export function boundedIds(ids: number[] | undefined, field: string, max = 100): number[] | undefined {
  if (ids && ids.length > max) throw new ValidationError(`${field}: at most ${max} ids`, field);
  return ids;
}
