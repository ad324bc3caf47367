/** Value lists shared by the entities (check constraints) and the GraphQL enums. */

export const memberRoles = ['ACCOUNT_MANAGER', 'TEAM_LEAD'] as const;
export type MemberRole = (typeof memberRoles)[number];

export const contactChannels = ['EMAIL', 'PHONE', 'SLACK', 'DISCORD', 'WEB'] as const;
export type ContactChannel = (typeof contactChannels)[number];

export const feedbackChannels = ['WEB', 'API', 'SLACK', 'DISCORD', 'EMAIL'] as const;
export type FeedbackChannel = (typeof feedbackChannels)[number];

export const ticketKinds = ['SERVICE_RECOVERY', 'WIN_BACK'] as const;
export type TicketKind = (typeof ticketKinds)[number];

export const ticketStatuses = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CLOSED'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

export const ticketEventTypes = [
  'OPENED',
  'ASSIGNED',
  'ACKNOWLEDGED',
  'APOLOGISED',
  'NOTE',
  'RESOLVED',
  'REOPENED',
  'CLOSED',
] as const;
export type TicketEventType = (typeof ticketEventTypes)[number];

export const actionChannels = ['API', 'WEB', 'SLACK', 'DISCORD', 'SYSTEM'] as const;
export type ActionChannel = (typeof actionChannels)[number];

export const tokenRoles = ['ADMIN', 'MEMBER', 'SERVICE', 'CUSTOMER', 'BOT'] as const;
export type TokenRole = (typeof tokenRoles)[number];

export const chatPlatforms = ['SLACK', 'DISCORD'] as const;
export type ChatPlatform = (typeof chatPlatforms)[number];

/** ALERT: the ticket's message in the team channel; REMINDER/ESCALATION: replies in its thread; SURVEY: a DM. */
export const deliveryKinds = ['ALERT', 'REMINDER', 'ESCALATION', 'SURVEY'] as const;
export type DeliveryKind = (typeof deliveryKinds)[number];

/** EARN: points for buying or a grant; GOODWILL: a surprise from the team on a ticket; SPEND: points redeemed. */
export const rewardEntryKinds = ['EARN', 'GOODWILL', 'SPEND'] as const;
export type RewardEntryKind = (typeof rewardEntryKinds)[number];
