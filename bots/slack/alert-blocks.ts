import { alertContent, type TicketView } from '../alert-content.ts';
import { chatTexts } from '../chat-texts.ts';

/** Slack Block Kit for a ticket alert; `text` is the notification and screen-reader fallback. */
export function alertMessage(ticket: TicketView) {
  const content = alertContent(ticket);
  const fields = [
    `*Score*\n${content.score}`,
    `*Status*\n${content.status}`,
    `*Previous scores*\n${content.previousScores}`,
    `*Spend*\n${content.spend}`,
    `*Loyalty*\n${content.category}`,
    `*SLA*\n${content.due}`,
  ];
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: content.title.slice(0, 150) } },
    ...(content.comment
      ? [{ type: 'section', text: { type: 'mrkdwn', text: `> ${content.comment.slice(0, 2900)}` } }]
      : []),
    { type: 'section', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
  ];
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
  return { text: `${content.title} — ${content.score}. ${content.status}`, blocks };
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
