import { type AlertButton, alertContent, type TicketView } from '../alert-content.ts';
import { chatTexts } from '../chat-texts.ts';

const colours = { OPEN: 0xd32f2f, ACKNOWLEDGED: 0xf57c00, RESOLVED: 0x388e3c, CLOSED: 0x9e9e9e } as const;

// Discord component and style numbers (API v10): action row 1, button 2; primary 1, secondary 2.
export const ActionRow = 1;
export const Button = 2;
export const TextInput = 4;

export function ticketCustomId(action: AlertButton, ticketId: string) {
  return `ticket:${action}:${ticketId}`;
}

/** A Discord message (embed + buttons) for a ticket alert. */
export function alertMessage(ticket: TicketView) {
  const content = alertContent(ticket);
  const field = (name: string, value: string, inline = true) => ({ name, value: value.slice(0, 1024) || '—', inline });
  return {
    content: `${content.title} — ${content.score}`,
    embeds: [
      {
        title: content.title.slice(0, 256),
        description: content.comment ? `> ${content.comment.slice(0, 4000)}` : undefined,
        color: colours[ticket.status],
        fields: [
          field('Score', content.score),
          field('Status', content.status),
          field('Previous scores', content.previousScores, false),
          field('Spend', content.spend),
          field('Loyalty', content.category),
          field('SLA', content.due, false),
        ],
      },
    ],
    components: content.buttons.length
      ? [
          {
            type: ActionRow,
            components: content.buttons.map((button) => ({
              type: Button,
              style: button === 'acknowledge' ? 1 : 2,
              label: chatTexts.buttons[button],
              custom_id: ticketCustomId(button, ticket.id),
            })),
          },
        ]
      : [],
  };
}

export function reminderMessage(kind: 'REMINDER' | 'ESCALATION', ticket: TicketView) {
  if (kind === 'REMINDER') {
    return {
      content: chatTexts.reminder(`<t:${Math.floor(Date.parse(ticket.ackDueAt) / 1000)}:f>`),
    };
  }
  const leads = ticket.team.members
    .filter((m) => m.role === 'TEAM_LEAD' && m.discordUserId)
    .map((m) => `<@${m.discordUserId}>`);
  return {
    content: chatTexts.escalation(leads),
    allowed_mentions: { users: leads.map((mention) => mention.slice(2, -1)) },
  };
}

export function surveyMessage(deliveryId: number, question: string) {
  const button = (score: number) => ({
    type: Button,
    style: 2,
    label: String(score),
    custom_id: `survey:${deliveryId}:${score}`,
  });
  const rows = [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10]];
  return {
    content: `${question}\n0 = not at all likely, 10 = extremely likely`,
    components: rows.map((scores) => ({ type: ActionRow, components: scores.map(button) })),
  };
}

/** A one- or two-field modal; Discord modals hold text inputs only. */
export function modal(
  customId: string,
  title: string,
  inputs: { id: string; label: string; long?: boolean; required?: boolean }[],
) {
  return {
    custom_id: customId,
    title,
    components: inputs.map((input) => ({
      type: ActionRow,
      components: [
        {
          type: TextInput,
          custom_id: input.id,
          label: input.label,
          style: input.long ? 2 : 1,
          required: input.required ?? true,
          max_length: input.long ? 3000 : 2,
        },
      ],
    })),
  };
}
