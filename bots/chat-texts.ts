import type { AlertButton } from './alert-content.ts';

/**
 * What the bots say to people, on either platform: the renderers only lay it out in Block Kit or
 * in Discord components. A mention (`mention`) is the platform's own syntax for pinging a user.
 */
export const chatTexts = {
  survey: {
    question: 'How likely are you to recommend us to a friend or colleague?',
    title: 'Your feedback',
    scoreLabel: 'How likely are you to recommend us? (0-10)',
    commentLabel: 'Anything you want to tell us?',
    thanks: 'Thank you for your feedback! 🙏',
    thanksForScore: (score: string) => `Thanks for your ${score}! 🙏 Want to tell us more?`,
    addComment: 'Add a comment',
    commentTitle: 'Your comment',
    commentPrompt: 'What should we know?',
    notRecorded: 'Could not record your answer.',
    badScore: 'The score must be a whole number from 0 to 10.',
  },
  buttons: { claim: 'Claim', acknowledge: 'Acknowledge', resolve: 'Resolve', note: 'Add note' } satisfies Record<
    AlertButton,
    string
  >,
  ticketForms: {
    resolve: { title: 'Resolve ticket', label: 'How was the problem fixed?', submit: 'Resolve', field: 'resolution' },
    note: { title: 'Add a note', label: 'Note', submit: 'Add', field: 'note' },
  },
  reminder: (deadline: string) => `⏰ Not acknowledged yet: please acknowledge by ${deadline}.`,
  escalation: (leadMentions: string[]) =>
    `🚨 Escalation: the acknowledgement deadline has passed. ${leadMentions.join(' ') || 'Team lead'}, please take this on.`,
  problem: (problem: string) => `⚠️ ${problem}`,
  resolved: '✅ Resolved.',
  noteAdded: '📝 Note added.',
  staleButton: 'This button is no longer in use.',
  staleForm: 'This form is no longer in use.',
  alreadyHandled: 'Already done.',
  shortened: (platform: string, ticketId: string) =>
    `Shortened to fit ${platform}; the full ticket is in the loyalty-loop API: node(id: "${ticketId}").`,
} as const;
