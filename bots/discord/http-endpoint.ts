import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../read-body.ts';
import type { Routed } from './listeners/interaction.ts';
import { discordPublicKey, isValidDiscordSignature } from './signature.ts';

function isInteraction(value: unknown): value is Record<string, any> & { type: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { type?: unknown }).type === 'number'
  );
}

/**
 * Discord's interactions endpoint: checks the Ed25519 signature (401 otherwise, as Discord
 * requires), answers in the HTTP response at once, then does the work.
 */
export function discordHttpEndpoint(
  publicKeyHex: string,
  route: (interaction: Record<string, any>) => Promise<Routed>,
  log: (event: Record<string, unknown>, message: string) => void,
) {
  const publicKey = discordPublicKey(publicKeyHex);
  return async (request: IncomingMessage, response: ServerResponse) => {
    const send = (status: number, body: string, type = 'text/plain') => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.method !== 'POST') return send(405, 'POST only');
    const raw = await readBody(request);
    if (raw === null) return send(413, 'request body too large');
    const header = (name: string) => (request.headers[name] as string | undefined) ?? null;
    if (!isValidDiscordSignature(publicKey, raw, header('x-signature-timestamp'), header('x-signature-ed25519'))) {
      return send(401, 'invalid request signature');
    }
    let interaction: unknown;
    try {
      interaction = JSON.parse(raw);
    } catch {
      return send(400, 'malformed body');
    }
    if (!isInteraction(interaction)) return send(400, 'not an interaction');
    const routed = await route(interaction);
    send(200, JSON.stringify(routed.response), 'application/json');
    routed.work?.().catch((error) => log({ err: String(error) }, 'discord interaction failed'));
  };
}
