import { createPublicKey, verify } from 'node:crypto';

// DER prefix of an Ed25519 SubjectPublicKeyInfo: Discord gives the raw 32-byte key in hex.
const ed25519SpkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

export function discordPublicKey(hex: string) {
  return createPublicKey({
    key: Buffer.concat([ed25519SpkiPrefix, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
}

/** Discord signs interactions with Ed25519 over timestamp + raw body (X-Signature-Ed25519, X-Signature-Timestamp). */
export function isValidDiscordSignature(
  publicKey: ReturnType<typeof discordPublicKey>,
  body: string,
  timestamp: string | null,
  signature: string | null,
): boolean {
  if (!timestamp || !signature) return false;
  return verifyEd25519(publicKey, Buffer.from(timestamp + body), signature);
}

export function verifyEd25519(publicKey: ReturnType<typeof discordPublicKey>, message: Buffer, signatureHex: string) {
  if (!/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  try {
    return verify(null, message, publicKey, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
