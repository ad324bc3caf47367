// The main list as each peer asks for it, and the check that all three answer the same rows with
// the same fields before any of them is measured.
import { frontendOperations } from '../../dashboard/operations.ts';

/**
 * PostGraphile's closest equivalent of CustomerList (50 newest customers, their team, latest
 * answer and up to 5 open or acknowledged tickets, newest first). Its conditions take one value,
 * so the two statuses are two connections, merged by the reader; `createdAt` is read for that merge.
 */
export const postgraphileList = `query CustomerListPeer {
  allCustomers(first: 50, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
    pageInfo { hasNextPage endCursor }
    nodes {
      rowId name
      teamByTeamId { name }
      feedbacksByCustomerId(first: 1, orderBy: [SUBMITTED_AT_DESC, ROW_ID_DESC]) { nodes { nps comment submittedAt } }
      open: ticketsByCustomerId(first: 5, condition: { status: "OPEN" }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
        nodes { rowId status ackDueAt createdAt }
      }
      acknowledged: ticketsByCustomerId(first: 5, condition: { status: "ACKNOWLEDGED" }, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
        nodes { rowId status ackDueAt createdAt }
      }
    }
  }
}`;

export const ourList = { query: frontendOperations.customerList, variables: { first: 50 } };

interface Row {
  id: number;
  name: string;
  team: string;
  latest: { nps: number | null; comment: string | null; at: number } | null;
  tickets: { id: number; status: string; ackDueAt: number }[];
}

const rowId = (globalId: string) => Number(Buffer.from(globalId, 'base64').toString().split(':')[1]);
const time = (value: string) => new Date(value).getTime();

export function ourRows(json: any): Row[] {
  return json.data.customers.nodes.map((node: any) => ({
    id: rowId(node.id),
    name: node.name,
    team: node.team.name,
    latest: node.latestFeedback && {
      nps: node.latestFeedback.nps,
      comment: node.latestFeedback.comment,
      at: time(node.latestFeedback.submittedAt),
    },
    tickets: node.tickets.nodes.map((t: any) => ({ id: rowId(t.id), status: t.status, ackDueAt: time(t.ackDueAt) })),
  }));
}

export function postgraphileRows(json: any): Row[] {
  return json.data.allCustomers.nodes.map((node: any) => {
    const latest = node.feedbacksByCustomerId.nodes[0];
    const tickets = [...node.open.nodes, ...node.acknowledged.nodes]
      .sort((a: any, b: any) => time(b.createdAt) - time(a.createdAt) || b.rowId - a.rowId)
      .slice(0, 5);
    return {
      id: node.rowId,
      name: node.name,
      team: node.teamByTeamId.name,
      latest: latest && { nps: latest.nps, comment: latest.comment, at: time(latest.submittedAt) },
      tickets: tickets.map((t: any) => ({ id: t.rowId, status: t.status, ackDueAt: time(t.ackDueAt) })),
    };
  });
}

export function rawRows(json: any): Row[] {
  return json.data.customers.nodes.map((node: any) => ({
    id: node.id,
    name: node.name,
    team: node.team,
    latest: node.latest_feedback && {
      nps: node.latest_feedback.nps,
      comment: node.latest_feedback.comment,
      at: time(node.latest_feedback.submitted_at),
    },
    tickets: node.tickets.map((t: any) => ({ id: t.id, status: t.status, ackDueAt: time(t.ack_due_at) })),
  }));
}

/** Throws unless the three answers hold the same rows with the same fields, in the same order. */
export function assertSameRows(ours: Row[], peer: Row[], raw: Row[]) {
  const text = (rows: Row[]) => JSON.stringify(rows);
  if (ours.length !== 50) throw new Error(`the main list answered ${ours.length} rows, not 50`);
  if (text(peer) !== text(ours)) throw new Error('PostGraphile’s rows differ from the API’s');
  if (text(raw) !== text(ours)) throw new Error('the hand-written server’s rows differ from the API’s');
  const tickets = ours.reduce((sum, row) => sum + row.tickets.length, 0);
  const answered = ours.filter((row) => row.latest).length;
  return { rows: ours.length, tickets, answered };
}
