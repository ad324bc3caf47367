import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, TeamMember } from '../../db/entities/index.ts';
import type { ChatPlatform } from '../../db/enums.ts';

/** A Slack or Discord user on whose behalf a bot calls the API. */
export interface ChatUser {
  platform: ChatPlatform;
  userId: string;
  /** The team member linked to this chat user, if any: clicks on tickets act as them. */
  member: TeamMember | null;
  /** The customer linked to this chat user, if any: chat feedback is theirs. */
  customer: Customer | null;
}

/** Parses "slack:U123" or "discord:1234" and looks up who that chat user is. */
export async function resolveChatUser(em: EntityManager, header: string): Promise<ChatUser | null> {
  const match = /^(slack|discord):([A-Za-z0-9_-]{1,64})$/.exec(header.trim());
  if (!match) return null;
  const platform = match[1] === 'slack' ? 'SLACK' : 'DISCORD';
  const userId = match[2] as string;
  const field = platform === 'SLACK' ? 'slackUserId' : 'discordUserId';
  const [member, customer] = await Promise.all([
    em.findOne(TeamMember, { [field]: userId }),
    em.findOne(Customer, { [field]: userId }),
  ]);
  return { platform, userId, member, customer };
}
