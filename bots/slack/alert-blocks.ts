import { alertContent, alertFields, quote, type TicketView } from '../alert-content.ts';
import { chatTexts } from '../chat-texts.ts';
import { slackLimits } from '../platform-limits.ts';
import { textFitter, truncate } from '../text-fit.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

/**
 * Slack Block Kit for a ticket alert; `text` is the notification and screen-reader fallback.
 * Every text is escaped (user content is data) and fitted into Slack's limits; when something was
 * shortened, a last line says where the full text is. `minimal` leaves out the free texts (the
 * comment, previous scores, the resolution), for when Slack refuses the full rendering.
 */
export function alertMessage(ticket: TicketView, options: { minimal?: boolean } = {}) {
  const content = alertContent(ticket);
  const fit = textFitter(escapeMrkdwn);
  const fields = alertFields(content, options.minimal).map(({ label, value }) => {
    const heading = `*${label}*\n`;
    return { type: 'mrkdwn', text: heading + fit(value, slackLimits.field - heading.length) };
  });
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(content.title, slackLimits.header) } },
  ];
  if (content.comment && !options.minimal) {
    const comment = fit(content.comment, slackLimits.sectionText, (text) => quote(escapeMrkdwn(text)));
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: comment } });
  }
  blocks.push({ type: 'section', fields });
  if (content.buttons.length) {
    blocks.push({
      type: 'actions',
      block_id: 'ticket_actions',
      elements: content.buttons.map((button) => ({
        type: 'button',
        action_id: `ticket_${button}`,
        text: { type: 'plain_text', text: chatTexts.buttons[button] },
        value: ticket.id,
        ...(button === 'acknowledge' && { style: 'primary' }),
      })),
    });
  }
  const text = `${fit(content.title, 300)} — ${fit(content.score, 200)}. ${fit(content.status, 400)}`;
  if (fit.cut || options.minimal) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: chatTexts.shortened('Slack', ticket.id) }] });
  }
  return { text, blocks };
}

export function reminderText(kind: 'REMINDER' | 'ESCALATION', ticket: TicketView): string {
  if (kind === 'REMINDER') {
    return chatTexts.reminder(`${ticket.ackDueAt.slice(0, 16).replace('T', ' ')} UTC`);
  }
  const leads = ticket.team.members
    .filter((m) => m.role === 'TEAM_LEAD' && m.slackUserId)
    .map((m) => `<@${m.slackUserId}>`);
  return chatTexts.escalation(leads);
}

export function surveyBlocks(deliveryId: number, question: string) {
  const scores = Array.from({ length: 11 }, (_, score) => ({
    type: 'button',
    action_id: `survey_score_${score}`,
    text: { type: 'plain_text', text: String(score) },
    value: JSON.stringify({ deliveryId, score }),
  }));
  return [
    { type: 'section', text: { type: 'mrkdwn', text: question } },
    { type: 'actions', block_id: 'survey_scores_low', elements: scores.slice(0, 6) },
    { type: 'actions', block_id: 'survey_scores_high', elements: scores.slice(6) },
    { type: 'context', elements: [{ type: 'mrkdwn', text: '0 = not at all likely, 10 = extremely likely' }] },
  ];
}
