/** What an alert says, whatever the chat platform: the renderers only lay it out. */

export interface TicketView {
  id: string;
  status: 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' | 'CLOSED';
  kind: string;
  version: number;
  ackDueAt: string;
  resolveDueAt: string;
  overdue: boolean;
  resolution: string | null;
  assignee: { name: string; slackUserId: string | null; discordUserId: string | null } | null;
  team: {
    name: string;
    members: { name: string; role: string; slackUserId: string | null; discordUserId: string | null }[];
  };
  feedback: {
    nps: number | null;
    csat: number | null;
    comment: string | null;
    channel: string;
    submittedAt: string;
  } | null;
  customer: {
    id: string;
    name: string;
    email: string | null;
    figures: {
      latestNps: number | null;
      npsCategory: string | null;
      purchaseCount: number;
      lastPurchaseAt: string | null;
      totalSpend: { amountMinor: number; currency: string }[];
    };
    feedback: { nodes: { nps: number | null; csat: number | null; submittedAt: string }[] };
    loyalty: {
      category: string;
      churnRisk: { score: number; level: string; drivers: { explanation: string }[] };
    } | null;
  };
}

export type AlertButton = 'claim' | 'acknowledge' | 'resolve' | 'note';

export interface AlertContent {
  title: string;
  score: string;
  comment: string | null;
  previousScores: string;
  spend: string;
  category: string;
  status: string;
  due: string;
  buttons: AlertButton[];
}

const statusLabels = {
  OPEN: '🔴 Open',
  ACKNOWLEDGED: '🟠 Acknowledged',
  RESOLVED: '🟢 Resolved',
  CLOSED: '⚪ Closed',
} as const;

export function formatMoney({ amountMinor, currency }: { amountMinor: number; currency: string }): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amountMinor / 100);
}

const day = (iso: string) => iso.slice(0, 10);
const time = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

function scoreText(scores: { nps: number | null; csat: number | null }): string {
  return [scores.nps != null && `NPS ${scores.nps}/10`, scores.csat != null && `CSAT ${scores.csat}/5`]
    .filter(Boolean)
    .join(' · ');
}

export function alertContent(ticket: TicketView): AlertContent {
  const opened = ticket.feedback;
  const previous = ticket.customer.feedback.nodes
    .filter((answer) => answer.submittedAt !== opened?.submittedAt)
    .slice(0, 5)
    .map((answer) => `${scoreText(answer) || 'tracker only'} (${day(answer.submittedAt)})`);
  const figures = ticket.customer.figures;
  const loyalty = ticket.customer.loyalty;
  const risk = loyalty?.churnRisk.score
    ? `${loyalty.churnRisk.score}/100 (${loyalty.churnRisk.drivers.map((d) => d.explanation).join('; ')})`
    : null;
  const assignee = ticket.assignee ? ` · owner: ${ticket.assignee.name}` : ' · unassigned';
  const active = ticket.status === 'OPEN' || ticket.status === 'ACKNOWLEDGED';
  const buttons: AlertButton[] = !active
    ? []
    : ticket.status === 'OPEN'
      ? ['claim', 'acknowledge', 'note']
      : [...(ticket.assignee ? [] : (['claim'] as const)), 'resolve', 'note'];
  return {
    title: `${ticket.kind === 'WIN_BACK' ? 'Win-back' : 'Low score'}: ${ticket.customer.name}`,
    score: opened ? scoreText(opened) || 'tracker answers' : risk ? `churn risk ${risk}` : 'no score',
    comment: opened?.comment ?? null,
    previousScores: previous.length ? previous.join(', ') : 'none before',
    spend: `${figures.totalSpend.map(formatMoney).join(' + ') || 'nothing yet'} in ${figures.purchaseCount} purchase(s)`,
    category: [
      loyalty && loyalty.category !== 'UNKNOWN' ? loyalty.category.toLowerCase().replaceAll('_', ' ') : null,
      figures.npsCategory ? `${figures.npsCategory.toLowerCase()} (latest NPS ${figures.latestNps})` : 'no NPS yet',
      risk ? `churn risk ${risk}` : null,
    ]
      .filter(Boolean)
      .join(' · '),
    status: `${statusLabels[ticket.status]}${assignee}${ticket.overdue ? ' · ⚠️ overdue' : ''}`,
    due:
      ticket.status === 'OPEN'
        ? `Acknowledge by ${time(ticket.ackDueAt)}`
        : ticket.status === 'ACKNOWLEDGED'
          ? `Resolve by ${time(ticket.resolveDueAt)}`
          : ticket.resolution
            ? `Resolution: ${ticket.resolution}`
            : 'Done',
    buttons,
  };
}

/** A labelled part of an alert; `wide` ones take a line of their own where the platform lays out columns. */
export interface AlertField {
  label: string;
  value: string;
  wide: boolean;
}

/**
 * The alert's labelled parts, in order. Minimal: only the score and the status, for when a
 * platform refuses the full rendering (no free text left to refuse).
 */
export function alertFields(content: AlertContent, minimal = false): AlertField[] {
  const fields: AlertField[] = [
    { label: 'Score', value: content.score, wide: false },
    { label: 'Status', value: content.status, wide: false },
    { label: 'Previous scores', value: content.previousScores, wide: true },
    { label: 'Spend', value: content.spend, wide: false },
    { label: 'Loyalty', value: content.category, wide: false },
    { label: 'SLA', value: content.due, wide: true },
  ];
  return minimal ? fields.slice(0, 2) : fields;
}

/** A block quote, line by line: the same syntax in Slack's mrkdwn and Discord's markdown. */
export const quote = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
