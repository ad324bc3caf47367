/**
 * The operations of this repository's frontend, the dashboard: persisted by their SHA-256 (the
 * persisted-operations plugin lists them), so the browser sends a hash and its variables, never a
 * document, and they run even when the API takes persisted operations only. A frontend team adds
 * its operations here; a test validates every one against the schema and compiles it. The ticket
 * actions (claim … close) are the bots' documents: one text and one hash for every client.
 */

const ticketRow = `id kind status ackDueAt resolveDueAt overdue createdAt updatedAt version
      customer { id name }
      team { id name }
      assignee { id name }
      feedback { nps csat comment }
      viewerCan { claim acknowledge apologise addNote resolve reopen close grantGoodwill }`;

const ticketEvents = `events(first: 100) { nodes { id type channel actorName note fromStatus toStatus createdAt } }`;

const money = '{ amountMinor currency }';
const kpi = '{ n average topTwoBoxShare }';
const recoveryGroup = '{ tickets followedUp averageBefore averageAfter averageEffect npsAfter }';

export const frontendOperations = {
  /** The main customer list: a page of customers with their latest feedback, open tickets and team. */
  customerList: `query CustomerList($first: Int = 50, $after: String, $filter: CustomerFilter) {
  customers(first: $first, after: $after, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name
      team { name }
      latestFeedback { nps comment submittedAt }
      tickets(first: 5, statuses: [OPEN, ACKNOWLEDGED]) { nodes { id status ackDueAt } }
    }
  }
}`,
  /** Who signed in, and what they may pick from: the teams and saved segments they may see. */
  dashboardViewer: `query DashboardViewer {
  viewer { role tokenName member { id name team { id name } } }
  teams { id name members { id name } }
  segments { id name team { id } }
}`,
  /** The overview: every period's figures in the browser's time zone, the recovery paradox, the categories now. */
  loyaltyDashboard: `query LoyaltyDashboard($from: DateTime!, $to: DateTime!, $scope: ReportScope, $granularity: Granularity = MONTH, $timeZone: String = "UTC") {
  loyaltyReport(from: $from, to: $to, scope: $scope, granularity: $granularity, timeZone: $timeZone) {
    start end
    nps { score n marginOfError promoters passives detractors }
    csat { percent n }
    tracker { keepBuying ${kpi} buyMore ${kpi} brandImage ${kpi} needsMet ${kpi} }
    purchases { repeatPurchaseRatio upsellRatio retentionRate churnRate customerLifetimeValue ${money} activeCustomers }
    engagement { index }
    tickets { opened overdueAtEnd medianHoursToAcknowledge medianHoursToResolve }
  }
  recoveryParadox(from: $from, to: $to, scope: $scope) {
    all ${recoveryGroup}
    handledWell ${recoveryGroup}
    handledOtherwise ${recoveryGroup}
    neverComplained { n nps }
  }
  loyaltyCategories(scope: $scope) { category customers }
}`,
  /** The account team's queue: tickets by their resolution deadline, the ones due first on top. */
  ticketQueue: `query TicketQueue($filter: TicketFilter = { statuses: [OPEN, ACKNOWLEDGED] }, $after: String) {
  tickets(first: 50, after: $after, sort: RESOLVE_DUE_AT_ASC, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes { ${ticketRow} }
  }
}`,
  /** One ticket with its history, for the queue's detail panel. */
  ticketDetail: `query TicketDetail($id: ID!) {
  node(id: $id) { ... on Ticket { ${ticketRow} resolution ${ticketEvents} } }
}`,
  /** A ticket's changes, live: the queue refreshes on each. */
  ticketChanges: `subscription TicketChanges($teamIds: [ID!]) {
  ticketChanged(teamIds: $teamIds) { change ticket { id status } }
}`,
  /** Open, acknowledged and overdue tickets per team, live. */
  queueCounts: `subscription QueueCounts($teamIds: [ID!]) {
  ticketQueueCounts(teamIds: $teamIds) { team { id name } open acknowledged overdue }
}`,
  /** The central customer view. */
  customerDetail: `query CustomerDetail($id: ID!) {
  customer(id: $id) {
    id name email city region preferredChannel surveyConsent createdAt
    team { id name }
    figures { latestNps npsCategory purchaseCount lastPurchaseAt totalSpend ${money} }
    loyalty {
      category reasonDetails { code params }
      churnRisk { score level drivers { kind points facts } }
      trackerTrend { month answers nps csat keepBuying buyMore brandImage needsMet }
      lifetimeValue ${money}
    }
    rewards { balance tier earnedLastYear }
    feedback(first: 20) { nodes { id nps csat keepBuying buyMore brandImage needsMet comment channel submittedAt } }
    purchases(first: 20) { nodes { id purchasedAt quantity amount ${money} product { name } } }
    tickets(first: 20) { nodes { ${ticketRow} resolution ${ticketEvents} } }
  }
}`,
  /** Customers by churn risk, with what drives it and their open tickets. */
  atRisk: `query AtRisk($filter: CustomerFilter, $after: String) {
  customers(first: 25, after: $after, sort: CHURN_RISK_DESC, filter: $filter) {
    pageInfo { hasNextPage endCursor }
    nodes {
      id name team { name }
      loyalty { category churnRisk { score level drivers { kind points facts } } }
      tickets(first: 5, statuses: [OPEN, ACKNOWLEDGED]) { nodes { id kind status overdue } }
    }
  }
}`,
  grantGoodwill: `mutation GrantGoodwill($input: GoodwillInput!) {
  grantGoodwill(input: $input) {
    __typename
    ... on GrantGoodwillSuccess { entry { id points } }
    ... on Error { code message field }
  }
}`,
};

export type OperationName = keyof typeof frontendOperations;
