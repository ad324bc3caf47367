/**
 * The frontend's known queries, persisted by their SHA-256 (the persisted-operations plugin): a
 * browser sends the hash and its variables, never the document. A frontend team adds its queries
 * here; a test validates every one against the schema.
 */
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
  /** One customer's page: profile, figures, loyalty, rewards and recent history. */
  customerDetail: `query CustomerDetail($id: ID!) {
  customer(id: $id) {
    id name email city region preferredChannel surveyConsent
    team { id name }
    figures { latestNps npsCategory purchaseCount lastPurchaseAt totalSpend { amountMinor currency } }
    loyalty { category churnRisk { score level drivers { explanation } } }
    rewards { balance tier }
    feedback(first: 10) { nodes { id nps csat comment channel submittedAt } }
    purchases(first: 10) { nodes { id purchasedAt quantity amount { amountMinor currency } product { name } } }
    tickets(first: 10) { nodes { id kind status ackDueAt resolveDueAt overdue } }
  }
}`,
  /** The account team's queue: open tickets, the ones due first on top. */
  ticketQueue: `query TicketQueue($teamIds: [ID!], $after: String) {
  tickets(first: 25, after: $after, sort: ACK_DUE_AT_ASC, filter: { teamIds: $teamIds, statuses: [OPEN, ACKNOWLEDGED] }) {
    pageInfo { hasNextPage endCursor }
    nodes { id kind status ackDueAt resolveDueAt overdue customer { id name } assignee { name } }
  }
}`,
  /** The monthly loyalty dashboard. */
  loyaltyDashboard: `query LoyaltyDashboard($from: DateTime!, $to: DateTime!, $scope: ReportScope) {
  loyaltyReport(from: $from, to: $to, scope: $scope) {
    start end
    nps { score n marginOfError }
    csat { percent n }
  }
}`,
};
