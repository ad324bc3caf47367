/**
 * What each platform refuses, in one place: over any of these, the platform rejects the whole
 * message (Slack `invalid_blocks` or `msg_too_long`, Discord 50035 Invalid Form Body), so every
 * renderer fits its text inside them. Lengths are counted in UTF-16 code units, which is never
 * less than the platforms' own count.
 */
export const slackLimits = {
  /** Top-level `text` of chat.postMessage / chat.update. */
  text: 40_000,
  blocks: 50,
  header: 150,
  sectionText: 3_000,
  field: 2_000,
  fieldsPerSection: 10,
  contextText: 2_000,
  buttonText: 75,
  buttonValue: 2_000,
} as const;

export const discordLimits = {
  content: 2_000,
  title: 256,
  description: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  /** title + description + field names and values + footer + author name, over all embeds. */
  embedTotal: 6_000,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
} as const;
