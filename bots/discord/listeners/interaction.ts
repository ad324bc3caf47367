import type { REST } from '@discordjs/rest';
import type { GraphQLClient } from '../../graphql-client.ts';

/** Interaction and response type numbers of the Discord API (v10). */
export const InteractionType = { Ping: 1, Command: 2, Component: 3, ModalSubmit: 5 } as const;
export const ResponseType = { Pong: 1, Reply: 4, DeferredReply: 5, DeferredUpdate: 6, ShowModal: 9 } as const;
export const Ephemeral = 64;

export interface DiscordDeps {
  api: GraphQLClient;
  rest: REST;
  applicationId: string;
  log: (event: Record<string, unknown>, message: string) => void;
}

/** An interaction as Discord sends it (JSON); only the fields the handlers read are relied on. */
export type Interaction = Record<string, any>;

export interface Routed {
  /** The answer Discord must get within 3 seconds. */
  response: { type: number; data?: Record<string, unknown> };
  /** What to do after answering (API calls, follow-up messages). */
  work?: () => Promise<void>;
}

/** What a handler gets: the interaction, who acted, and how to answer later through its token. */
export interface InteractionContext extends DiscordDeps {
  interaction: Interaction;
  /** The acting user as the API's X-Chat-User names them. */
  user: string;
  /** Replaces the first answer (a deferred reply or the clicked message). */
  editOriginal(body: Record<string, unknown>): Promise<unknown>;
  /** A message only the acting user sees. */
  followUp(content: string): Promise<unknown>;
  /** Tells the user of a problem, or of success. */
  tell(problem: string | null, success: string): Promise<unknown>;
}

/** An ephemeral reply, given at once. */
export const ephemeralReply = (content: string): Routed => ({
  response: { type: ResponseType.Reply, data: { content, flags: Ephemeral } },
});

/** "Working on it", answered at once; the work's outcome replaces it. */
export const deferredEphemeral = { type: ResponseType.DeferredReply, data: { flags: Ephemeral } };

/** The values of a submitted modal, by input custom_id. */
export function modalValues(interaction: Interaction): Record<string, string> {
  const values: Record<string, string> = {};
  for (const row of interaction.data?.components ?? []) {
    for (const input of row.components ?? []) values[input.custom_id] = input.value;
  }
  return values;
}
