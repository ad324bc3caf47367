import type { ActionChannel } from '../../db/enums.ts';

/** Who performs a change and through which channel; recorded on every ticket event. */
export interface Actor {
  memberId: number | null;
  /** Display name kept with the event: the member's or the API token's name. */
  name: string;
  channel: ActionChannel;
  /** The API token used, for the audit trail. */
  tokenId?: number | null;
}

/** Changes the product makes by itself, such as opening a ticket for low feedback. */
export const systemActor: Actor = { memberId: null, name: 'loyalty-loop', channel: 'SYSTEM' };
