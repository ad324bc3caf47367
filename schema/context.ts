import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../domain/access/access.ts';
import type { Actor } from '../domain/access/actor.ts';
import type { Viewer } from '../domain/access/api-tokens.ts';
import type { ChatUser } from '../domain/access/chat-identity.ts';
import type { DeliveryPolicy } from '../domain/chat/outbox.ts';
import type { LiveFeed } from '../domain/live/live-event.ts';
import type { FollowUpPolicy } from '../domain/surveys/follow-up.ts';
import type { Loaders } from './loaders.ts';

/** What every resolver gets: a request-scoped EntityManager fork, its loaders and the caller. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer;
  /** The viewer as recorded on ticket events: the chat user's member when a bot acts for one. */
  actor: Actor;
  /** For bot tokens: the Slack/Discord user the bot acts for (header `X-Chat-User: slack:U123`). */
  chatUser: ChatUser | null;
  /** The caller for authorization (the access rules, canSeeCustomer and friends): a bot acting for a chat user is that user. */
  principal: Principal;
  settings: Settings;
  /** Committed changes for subscriptions; absent where a process serves no subscriptions. */
  live?: LiveFeed;
}

/** Product settings that resolvers pass on to the domain services. */
export interface Settings {
  surveyCooldownDays: number;
  /** Statement timeout of a report's transaction (ms); the request path's own is shorter. */
  reportTimeoutMs?: number;
  followUp: FollowUpPolicy;
  delivery: DeliveryPolicy;
  /** Told when a chat message was first delivered, with the seconds since it was queued (metrics). */
  onDelivered?: (platform: string, kind: string, seconds: number) => void;
  /**
   * The customer list in one statement shaped like the selection (listCustomersAhead);
   * false only to measure what it buys (npm run bench) and to compare answers in tests.
   */
  lookAhead?: boolean;
  /**
   * The customer list's statement as a prepared statement with parameters (preparedRows); false
   * only to measure what it buys (npm run bench).
   */
  preparedStatements?: boolean;
  /** Feedback batches a process writes at once (FEEDBACK_BATCH_LANES; storeTogether's default without it). */
  feedbackBatchLanes?: number;
}
