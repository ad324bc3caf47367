import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../domain/access.ts';
import type { Actor } from '../domain/actor.ts';
import type { Viewer } from '../domain/api-tokens.ts';
import type { DeliveryPolicy } from '../domain/chat-deliveries.ts';
import type { ChatUser } from '../domain/chat-identity.ts';
import type { FollowUpPolicy } from '../domain/follow-up.ts';
import type { Loaders } from '../domain/loaders.ts';

/** What every resolver gets: a request-scoped EntityManager fork, its loaders and the caller. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer;
  /** The viewer as recorded on ticket events: the chat user's member when a bot acts for one. */
  actor: Actor;
  /** For bot tokens: the Slack/Discord user the bot acts for (header `X-Chat-User: slack:U123`). */
  chatUser: ChatUser | null;
  /** The caller for authorization (domain/access.ts): a bot acting for a chat user is that user. */
  principal: Principal;
  settings: Settings;
}

/** Product settings that resolvers pass on to the domain services. */
export interface Settings {
  surveyCooldownDays: number;
  followUp: FollowUpPolicy;
  delivery: DeliveryPolicy;
  /** Told when a chat message was first delivered, with the seconds since it was queued (metrics). */
  onDelivered?: (platform: string, kind: string, seconds: number) => void;
  /**
   * The customer list in one statement shaped like the selection (domain/customer-list-view.ts);
   * false only to measure what it buys (npm run bench) and to compare answers in tests.
   */
  lookAhead?: boolean;
}
