/** The GraphQL documents the bots send. */

export const ticketView = `fragment TicketView on Ticket {
  id status kind version ackDueAt resolveDueAt overdue resolution
  assignee { name slackUserId discordUserId }
  team { name members { name role slackUserId discordUserId } }
  feedback { nps csat comment channel submittedAt }
  customer {
    id name email
    figures { latestNps npsCategory purchaseCount lastPurchaseAt totalSpend { amountMinor currency } }
    loyalty { category churnRisk { score level drivers { explanation } } }
    feedback(first: 6) { nodes { nps csat submittedAt } }
  }
}`;

export const claimDeliveries = `mutation Claim($platform: ChatPlatform!, $limit: Int) {
  claimChatDeliveries(platform: $platform, limit: $limit) {
    __typename
    ... on ClaimChatDeliveriesSuccess { claimed { deliveries {
      id kind platform target messageRef attempts threadRef wantedVersion createdAt
      ticket { ...TicketView }
      customer { id name }
    } } }
    ... on Error { message }
  }
}
${ticketView}`;

export const completeDelivery = `mutation Complete($input: CompleteChatDeliveryInput!) {
  completeChatDelivery(input: $input) { __typename ... on Error { message } }
}`;

export const failDelivery = `mutation Fail($input: FailChatDeliveryInput!) {
  failChatDelivery(input: $input) { __typename ... on Error { message } }
}`;

export const chatIdentity = `query Identity { viewer { chatMember { id name } chatCustomer { id name } } }`;

export const ticketForMessage = `query TicketForMessage($platform: ChatPlatform!, $messageRef: String!, $channel: String) {
  ticketForChatMessage(platform: $platform, messageRef: $messageRef, channel: $channel) { id }
}`;

export const submitFeedback = `mutation Submit($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) {
    __typename
    ... on SubmitFeedbackResult { replayed feedback { id } ticket { id } }
    ... on Error { code message field }
  }
}`;

export const addFeedbackComment = `mutation Comment($input: AddFeedbackCommentInput!) {
  addFeedbackComment(input: $input) { __typename ... on Error { code message } }
}`;

const ticketMutation = (
  name: string,
  input: string,
) => `mutation ${name.charAt(0).toUpperCase()}${name.slice(1)}($input: ${input}!) {
  ${name}(input: $input) { __typename ... on Error { code message field } }
}`;

export const ticketActions = {
  claim: ticketMutation('claimTicket', 'ClaimTicketInput'),
  acknowledge: ticketMutation('acknowledgeTicket', 'AcknowledgeTicketInput'),
  apologise: ticketMutation('recordApology', 'RecordApologyInput'),
  resolve: ticketMutation('resolveTicket', 'ResolveTicketInput'),
  note: ticketMutation('addTicketNote', 'AddTicketNoteInput'),
  close: ticketMutation('closeTicket', 'CloseTicketInput'),
  reopen: ticketMutation('reopenTicket', 'ReopenTicketInput'),
};

export type TicketAction = keyof typeof ticketActions;

export const claimConnection = `mutation ClaimConnection($platform: ChatPlatform!, $holder: String!, $ttlSeconds: Int!) {
  claimChatConnection(platform: $platform, holder: $holder, ttlSeconds: $ttlSeconds)
}`;

export const releaseConnection = `mutation ReleaseConnection($platform: ChatPlatform!, $holder: String!) {
  releaseChatConnection(platform: $platform, holder: $holder)
}`;

export const recordInteraction = `mutation RecordInteraction($key: String!) { recordChatInteraction(key: $key) }`;
