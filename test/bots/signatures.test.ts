import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { discordPublicKey, isValidDiscordSignature, verifyEd25519 } from '../../bots/discord/signature.ts';
import { isValidSlackSignature } from '../../bots/slack/signature.ts';

// Slack's documented example (api.slack.com/authentication/verifying-requests-from-slack).
const slackVector = {
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};

describe('Slack request signatures', () => {
  it('accepts Slack’s documented example at its own time', () => {
    expect(isValidSlackSignature({ ...slackVector, now: 1531420618 })).toBe(true);
    expect(isValidSlackSignature({ ...slackVector, now: 1531420618 + 299 })).toBe(true);
  });

  it('refuses it more than five minutes later, with a changed body, or a wrong secret', () => {
    expect(isValidSlackSignature({ ...slackVector, now: 1531420618 + 301 })).toBe(false);
    expect(isValidSlackSignature({ ...slackVector, now: 1531420618, body: `${slackVector.body}&x=1` })).toBe(false);
    expect(isValidSlackSignature({ ...slackVector, now: 1531420618, signingSecret: 'other' })).toBe(false);
    expect(isValidSlackSignature({ ...slackVector, now: 1531420618, signature: 'v0=00' })).toBe(false);
    expect(isValidSlackSignature({ ...slackVector, now: 1531420618, timestamp: null })).toBe(false);
  });
});

// RFC 8032 section 7.1, TEST 2: a one-byte message.
const rfc8032 = {
  publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
  message: Buffer.from('72', 'hex'),
  signature:
    '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
};

describe('Discord interaction signatures (Ed25519)', () => {
  it('verifies the RFC 8032 test vector', () => {
    const key = discordPublicKey(rfc8032.publicKey);
    expect(verifyEd25519(key, rfc8032.message, rfc8032.signature)).toBe(true);
    expect(verifyEd25519(key, Buffer.from('73', 'hex'), rfc8032.signature)).toBe(false);
    // Discord signs timestamp + body: "r" is the RFC message as a timestamp "" would leave it, but no timestamp is refused.
    expect(isValidDiscordSignature(key, 'r', null, rfc8032.signature)).toBe(false);
  });

  it('accepts a request signed with the application key and refuses tampering', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
    const key = discordPublicKey(raw);
    const body = '{"type":1}';
    const timestamp = '1700000000';
    const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
    expect(isValidDiscordSignature(key, body, timestamp, signature)).toBe(true);
    expect(isValidDiscordSignature(key, '{"type":2}', timestamp, signature)).toBe(false);
    expect(isValidDiscordSignature(key, body, '1700000001', signature)).toBe(false);
    expect(isValidDiscordSignature(key, body, timestamp, 'ab')).toBe(false);
  });
});
