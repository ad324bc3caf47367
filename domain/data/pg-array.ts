/** A PostgreSQL array literal for `= any(?::int[])`: MikroORM would otherwise spread a JS array into a list. */
export function pgArray(values: readonly (number | string)[]): string {
  return `{${values.map((value) => (typeof value === 'number' ? String(value) : `"${value.replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
