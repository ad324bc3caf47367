/** The shapes the dashboard's operations answer with (see the documents in the operations file). */

export interface Money {
  amountMinor: number;
  currency: string;
}

export interface Viewer {
  viewer: {
    role: 'ADMIN' | 'MEMBER' | 'SERVICE' | 'CUSTOMER' | 'BOT';
    tokenName: string;
    member: { id: string; name: string; team: { id: string; name: string } } | null;
  };
  teams: { id: string; name: string; members: { id: string; name: string }[] }[];
  segments: { id: string; name: string; team: { id: string } | null }[];
}

export interface Kpi {
  n: number;
  average: number | null;
  topTwoBoxShare: number | null;
}

export interface Period {
  start: string;
  end: string;
  nps: {
    score: number | null;
    n: number;
    marginOfError: number | null;
    promoters: number;
    passives: number;
    detractors: number;
  };
  csat: { percent: number | null; n: number };
  tracker: Record<'keepBuying' | 'buyMore' | 'brandImage' | 'needsMet', Kpi>;
  purchases: {
    repeatPurchaseRatio: number | null;
    upsellRatio: number | null;
    retentionRate: number | null;
    churnRate: number | null;
    customerLifetimeValue: Money | null;
    activeCustomers: number;
  };
  engagement: { index: number | null };
  tickets: {
    opened: number;
    overdueAtEnd: number;
    medianHoursToAcknowledge: number | null;
    medianHoursToResolve: number | null;
  };
}

export interface RecoveryGroup {
  tickets: number;
  followedUp: number;
  averageBefore: number | null;
  averageAfter: number | null;
  averageEffect: number | null;
  npsAfter: number | null;
}

export interface Overview {
  loyaltyReport: Period[];
  recoveryParadox: {
    all: RecoveryGroup;
    handledWell: RecoveryGroup;
    handledOtherwise: RecoveryGroup;
    neverComplained: { n: number; nps: number | null };
  };
  loyaltyCategories: { category: string; customers: number }[];
}

export type TicketStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED' | 'CLOSED';

export interface TicketEvent {
  id: string;
  type: string;
  channel: string;
  actorName: string;
  note: string | null;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  createdAt: string;
}

export interface Ticket {
  id: string;
  kind: 'SERVICE_RECOVERY' | 'WIN_BACK';
  status: TicketStatus;
  ackDueAt: string;
  resolveDueAt: string;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
  customer: { id: string; name: string };
  team: { id: string; name: string };
  assignee: { id: string; name: string } | null;
  feedback: { nps: number | null; csat: number | null; comment: string | null } | null;
  viewerCan: Record<
    'claim' | 'acknowledge' | 'apologise' | 'addNote' | 'resolve' | 'reopen' | 'close' | 'grantGoodwill',
    boolean
  >;
  resolution?: string | null;
  events?: { nodes: TicketEvent[] };
}

export interface Connection<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
}

export interface ChurnDriver {
  kind: string;
  points: number;
  facts: Record<string, number | null>;
}

export interface CustomerDetail {
  customer: {
    id: string;
    name: string;
    email: string | null;
    city: string | null;
    region: string | null;
    preferredChannel: string;
    surveyConsent: boolean;
    createdAt: string;
    team: { id: string; name: string };
    figures: {
      latestNps: number | null;
      npsCategory: string | null;
      purchaseCount: number;
      lastPurchaseAt: string | null;
      totalSpend: Money[];
    };
    loyalty: {
      category: string;
      reasonDetails: { code: string; params: Record<string, number | null> }[];
      churnRisk: { score: number; level: string; drivers: ChurnDriver[] };
      trackerTrend: ({ month: string; answers: number } & Record<
        'nps' | 'csat' | 'keepBuying' | 'buyMore' | 'brandImage' | 'needsMet',
        number | null
      >)[];
      lifetimeValue: Money | null;
    } | null;
    rewards: { balance: number; tier: string; earnedLastYear: number } | null;
    feedback: Connection<{
      id: string;
      nps: number | null;
      csat: number | null;
      keepBuying: number | null;
      buyMore: number | null;
      brandImage: number | null;
      needsMet: number | null;
      comment: string | null;
      channel: string;
      submittedAt: string;
    }>;
    purchases: Connection<{
      id: string;
      purchasedAt: string;
      quantity: number;
      amount: Money;
      product: { name: string } | null;
    }>;
    tickets: Connection<Ticket>;
  } | null;
}

export interface AtRiskCustomer {
  id: string;
  name: string;
  team: { name: string };
  loyalty: { category: string; churnRisk: { score: number; level: string; drivers: ChurnDriver[] } } | null;
  tickets: { nodes: { id: string; kind: string; status: TicketStatus; overdue: boolean }[] };
}
