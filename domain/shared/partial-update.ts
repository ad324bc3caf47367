/**
 * Applies a partial update: undefined leaves a field as it is, null clears it, except for the
 * `required` fields, which null leaves as they are.
 */
export function applyChanges<T extends object>(
  target: T,
  changes: Record<string, unknown>,
  required: readonly string[],
): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || (value === null && required.includes(key))) continue;
    Object.assign(target, { [key]: value });
  }
}
