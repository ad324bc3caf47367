import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SlackSignedRequest {
  signingSecret: string;
  /** The raw request body, exactly as received. */
  body: string;
  timestamp: string | null;
  signature: string | null;
  /** Seconds since the epoch; injectable so that Slack's documented test vector can be checked. */
  now?: number;
}

const fiveMinutes = 5 * 60;

/**
 * Slack's v0 request signature: HMAC-SHA256 of "v0:{timestamp}:{body}" with the signing secret,
 * compared in constant time, and only within five minutes of the timestamp (replay protection).
 */
export function isValidSlackSignature({ signingSecret, body, timestamp, signature, now }: SlackSignedRequest): boolean {
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const current = now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(current - Number(timestamp)) > fiveMinutes) return false;
  const expected = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const given = Buffer.from(signature);
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function signSlackRequest(signingSecret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}
