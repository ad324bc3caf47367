import { type AlertButton, alertContent, alertFields, quote, type TicketView } from '../alert-content.ts';
import { chatTexts } from '../chat-texts.ts';
import { discordLimits } from '../platform-limits.ts';
import { textFitter } from '../text-fit.ts';
import { escapeDiscord, mentionOnly } from './markdown.ts';

const colours = { OPEN: 0xd32f2f, ACKNOWLEDGED: 0xf57c00, RESOLVED: 0x388e3c, CLOSED: 0x9e9e9e } as const;

// Discord component and style numbers (API v10): action row 1, button 2; primary 1, secondary 2.
export const ActionRow = 1;
export const Button = 2;
export const TextInput = 4;

export function ticketCustomId(action: AlertButton, ticketId: string) {
  return `ticket:${action}:${ticketId}`;
}

/**
 * A Discord message (embed + buttons) for a ticket alert. Every text is escaped (user content is
 * data, and nobody is mentioned) and fitted into Discord's limits, the embed's 6,000 characters
 * in all included: the comment gets what the other parts leave. When something was shortened the
 * footer says where the full text is. `minimal` leaves out the free texts, for when Discord
 * refuses the full rendering.
 */
export function alertMessage(ticket: TicketView, options: { minimal?: boolean } = {}) {
  const content = alertContent(ticket);
  const fit = textFitter(escapeDiscord);
  const fields = alertFields(content, options.minimal).map(({ label, value, wide }) => ({
    name: label,
    value: fit(value, discordLimits.fieldValue) || '—',
    inline: !wide,
  }));
  const title = fit(content.title, discordLimits.title);
  const footer = chatTexts.shortened('Discord', ticket.id);
  const used = title.length + footer.length + fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  const room = Math.max(0, Math.min(discordLimits.description, discordLimits.embedTotal - used));
  const description =
    content.comment && !options.minimal
      ? fit(content.comment, room, (text) => quote(escapeDiscord(text))) || undefined
      : undefined;
  return {
    content: fit(`${content.title} — ${content.score}`, discordLimits.content),
    allowed_mentions: mentionOnly(),
    embeds: [
      {
        title,
        description,
        color: colours[ticket.status],
        fields,
        ...((fit.cut || options.minimal) && { footer: { text: footer } }),
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
      allowed_mentions: mentionOnly(),
    };
  }
  const leads = ticket.team.members
    .filter((m) => m.role === 'TEAM_LEAD' && m.discordUserId)
    .map((m) => `<@${m.discordUserId}>`);
  return {
    content: chatTexts.escalation(leads),
    allowed_mentions: mentionOnly(leads.map((mention) => mention.slice(2, -1))),
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
    allowed_mentions: mentionOnly(),
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
