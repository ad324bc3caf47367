/** Text for an ILIKE pattern, its wildcards taken literally. */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** An ILIKE pattern that matches text containing `value`. */
export const containsPattern = (value: string) => `%${escapeLike(value)}%`;
