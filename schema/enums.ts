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

/**
 * Enum values with a description each, for Pothos: the record is typed by the values, so a value
 * added without a description is a type error.
 */
export function describedValues<V extends string>(values: readonly V[], descriptions: Record<V, string>) {
  return Object.fromEntries(values.map((value) => [value, { description: descriptions[value] }])) as {
    [K in V]: { description: string };
  };
}

export const MemberRoleEnum = builder.enumType('MemberRole', {
  description: 'What a team member does in the account team.',
  values: describedValues(memberRoles, {
    ACCOUNT_MANAGER: 'Works the team’s tickets.',
    TEAM_LEAD: 'Works tickets, assigns them and gets the escalations of overdue ones.',
  }),
});

export const ContactChannelEnum = builder.enumType('ContactChannel', {
  description: 'How a customer prefers to be contacted.',
  values: describedValues(contactChannels, {
    EMAIL: 'By e-mail.',
    PHONE: 'By phone.',
    SLACK: 'In Slack (a linked Slack user).',
    DISCORD: 'In Discord (a linked Discord user).',
    WEB: 'On the company’s website or app.',
  }),
});

export const FeedbackChannelEnum = builder.enumType('FeedbackChannel', {
  description: 'Where a feedback answer came from.',
  values: describedValues(feedbackChannels, {
    API: 'Sent through the API by another system.',
    EMAIL: 'Answered from an e-mail survey.',
    SLACK: 'Given in Slack (slash command or survey buttons).',
    DISCORD: 'Given in Discord (slash command or survey buttons).',
    WEB: 'Given on a website or in an app.',
  }),
});

export const TicketKindEnum = builder.enumType('TicketKind', {
  description: 'SERVICE_RECOVERY: opened by low feedback. WIN_BACK: a good customer threatening to leave.',
  values: describedValues(ticketKinds, {
    SERVICE_RECOVERY: 'Opened by a low answer: NPS or CSAT at or below the team’s threshold.',
    WIN_BACK: 'Opened by the churn check: a good customer whose churn risk crossed the threshold.',
  }),
});

export const TicketStatusEnum = builder.enumType('TicketStatus', {
  description:
    'Ticket lifecycle: OPEN → ACKNOWLEDGED → RESOLVED → CLOSED. RESOLVED or CLOSED tickets may be reopened (back to OPEN).',
  values: describedValues(ticketStatuses, {
    OPEN: 'Waiting to be acknowledged (by ackDueAt).',
    ACKNOWLEDGED: 'The team has admitted the problem; waiting to be resolved (by resolveDueAt).',
    RESOLVED: 'Fixed; the customer is asked again later (followUpDueAt).',
    CLOSED: 'Done; reopen it if the fix did not hold.',
  }),
});

export const TicketEventTypeEnum = builder.enumType('TicketEventType', {
  description: 'What happened to a ticket.',
  values: describedValues(ticketEventTypes, {
    OPENED: 'The ticket opened (by an answer, or by the churn check).',
    ASSIGNED: 'It was assigned or claimed.',
    ACKNOWLEDGED: 'It was acknowledged.',
    APOLOGISED: 'An apology to the customer was recorded (it acknowledges an open ticket).',
    NOTE: 'A note was added (also a chat thread reply, or a goodwill reward).',
    RESOLVED: 'It was resolved, with its resolution.',
    REOPENED: 'It was reopened.',
    CLOSED: 'It was closed.',
  }),
});

export const ActionChannelEnum = builder.enumType('ActionChannel', {
  description:
    'Through which channel a ticket change was made: the API, a browser, a Slack or Discord button, or the product itself.',
  values: describedValues(actionChannels, {
    API: 'Through the API (a person’s or a system’s token).',
    WEB: 'From a browser: the dashboard, or a frontend that sends `X-Client-Channel: WEB`.',
    SLACK: 'From Slack (a button, a form or a thread reply).',
    DISCORD: 'From Discord (a button, a form or a thread reply).',
    SYSTEM: 'By the product itself (a low answer, the churn check).',
  }),
});

export const TokenRoleEnum = builder.enumType('TokenRole', {
  description: 'The kind of API token a request carries.',
  values: describedValues(tokenRoles, {
    ADMIN: 'Everything, including teams, the audit trail and erasure (tokens are issued with npm run token).',
    MEMBER: 'A team member: their team’s customers and tickets, as their member role allows.',
    SERVICE:
      'Another system: customers, purchases, feedback, surveys, rewards and reports; reads tickets, no ticket actions.',
    CUSTOMER: 'One customer: their own profile, answers and points.',
    BOT: 'The chat bots: act for the linked chat user who clicked.',
  }),
});

export const NpsCategoryEnum = builder.enumType('NpsCategory', {
  description: 'Net Promoter category of a 0-10 answer: PROMOTER 9-10, PASSIVE 7-8, DETRACTOR 0-6.',
  values: {
    PROMOTER: { description: '9 or 10.' },
    PASSIVE: { description: '7 or 8.' },
    DETRACTOR: { description: '0 to 6.' },
  } as const,
});
