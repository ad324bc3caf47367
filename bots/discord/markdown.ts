/**
 * Discord reads markdown and mentions (`@everyone`, `<@id>`, `<@&role>`, `[label](url)`) in
 * message content and embeds. User content goes with each such character escaped by a backslash,
 * so it shows as written; `allowed_mentions` on every message is the second guard (no pings).
 */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|<>@#[\]()]/g, '\\$&');
}

/** Mention nobody, or only the users named (an escalation pings the team leads). */
export const mentionOnly = (users: string[] = []) => ({ parse: [] as string[], users });
