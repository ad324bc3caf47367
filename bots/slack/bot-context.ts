import type { GraphQLClient } from '../graphql-client.ts';

/** What the Slack listeners share: the API client they act through. */
export interface SlackBotContext {
  api: GraphQLClient;
  log: (event: Record<string, unknown>, message: string) => void;
}

export const slackUser = (userId: string) => `slack:${userId}`;
