import {
  actionChannels,
  contactChannels,
  feedbackChannels,
  memberRoles,
  ticketEventTypes,
  ticketKinds,
  ticketStatuses,
  tokenRoles,
} from '../db/enums.ts';
import { builder } from './builder.ts';

export const MemberRoleEnum = builder.enumType('MemberRole', {
  description: 'What a team member does in the account team.',
  values: memberRoles,
});

export const ContactChannelEnum = builder.enumType('ContactChannel', {
  description: 'How a customer prefers to be contacted.',
  values: contactChannels,
});

export const FeedbackChannelEnum = builder.enumType('FeedbackChannel', {
  description: 'Where a feedback answer came from.',
  values: feedbackChannels,
});

export const TicketKindEnum = builder.enumType('TicketKind', {
  description: 'SERVICE_RECOVERY: opened by low feedback. WIN_BACK: a good customer threatening to leave.',
  values: ticketKinds,
});

export const TicketStatusEnum = builder.enumType('TicketStatus', {
  description:
    'Ticket lifecycle: OPEN → ACKNOWLEDGED → RESOLVED → CLOSED. RESOLVED or CLOSED tickets may be reopened (back to OPEN).',
  values: ticketStatuses,
});

export const TicketEventTypeEnum = builder.enumType('TicketEventType', {
  description: 'What happened to a ticket.',
  values: ticketEventTypes,
});

export const ActionChannelEnum = builder.enumType('ActionChannel', {
  description:
    'Through which channel a ticket change was made: the API, a Slack or Discord button, or the product itself.',
  values: actionChannels,
});

export const TokenRoleEnum = builder.enumType('TokenRole', {
  description: 'The kind of API token a request carries.',
  values: tokenRoles,
});

export const NpsCategoryEnum = builder.enumType('NpsCategory', {
  description: 'Net Promoter category of a 0-10 answer: PROMOTER 9-10, PASSIVE 7-8, DETRACTOR 0-6.',
  values: ['PROMOTER', 'PASSIVE', 'DETRACTOR'] as const,
});
