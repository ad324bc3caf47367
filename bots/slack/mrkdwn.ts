/**
 * Slack reads `&`, `<` and `>` in message text as control characters (`<!channel>`, `<@U123>`,
 * `<https://…|label>`): in user content they must go as entities, or a comment could ping the whole
 * channel or show a disguised link. Slack sends text to us with the same three escaped.
 */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text as the person wrote it, from text Slack sent (which has `&`, `<`, `>` as entities). */
export function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
