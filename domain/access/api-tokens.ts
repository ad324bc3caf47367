import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken, Customer, TeamMember } from '../../db/entities/index.ts';
import type { MemberRole, TokenRole } from '../../db/enums.ts';
import { NotFoundError } from '../shared/errors.ts';
import { type Actor, systemActor } from './actor.ts';
import { audit } from './audit.ts';

/** The member a token acts as, as plain values: viewers are cached across requests. */
export interface ViewerMember {
  id: number;
  name: string;
  role: MemberRole;
  teamId: number;
}

export interface Viewer {
  tokenId: number;
  name: string;
  role: TokenRole;
  member: ViewerMember | null;
  /** For CUSTOMER tokens: the customer they stand for. */
  customerId: number | null;
}

/** Creates a token and returns its secret, which is shown once and never stored. */
export async function issueToken(
  em: EntityManager,
  options: { name: string; role: TokenRole; memberEmail?: string | null; customerId?: number | null; secret?: string },
  actor: Actor = systemActor,
): Promise<{ token: ApiToken; secret: string }> {
  const member = options.memberEmail ? await em.findOne(TeamMember, { email: options.memberEmail }) : null;
  if (options.memberEmail && !member)
    throw new NotFoundError(`No team member with e-mail ${options.memberEmail}.`, 'memberEmail');
  const secret = options.secret ?? `ll_${randomBytes(32).toString('base64url')}`;
  const customer = options.customerId ? await em.findOne(Customer, options.customerId) : null;
  if (options.customerId && !customer)
    throw new NotFoundError(`No customer with id ${options.customerId}.`, 'customerId');
  const token = em.create(ApiToken, {
    name: options.name,
    role: options.role,
    member,
    customer,
    tokenHash: ApiToken.hash(secret),
  });
  await em.flush();
  audit(em, actor, 'token.issue', { entityType: 'ApiToken', entityId: token.id }, [`role:${token.role}`]);
  await em.flush();
  return { token, secret };
}

export async function revokeToken(em: EntityManager, id: number, actor: Actor = systemActor): Promise<ApiToken> {
  const token = await em.findOne(ApiToken, id);
  if (!token) throw new NotFoundError(`No API token with id ${id}.`, 'id');
  token.revokedAt ??= new Date();
  audit(em, actor, 'token.revoke', { entityType: 'ApiToken', entityId: token.id });
  await em.flush();
  return token;
}

/** Resolves a bearer secret to the viewer it stands for; revoked and unknown tokens give null. */
export async function viewerForToken(em: EntityManager, secret: string): Promise<Viewer | null> {
  const token = await em.findOne(
    ApiToken,
    { tokenHash: ApiToken.hash(secret), revokedAt: null },
    { populate: ['member'] },
  );
  if (!token) return null;
  return {
    tokenId: token.id,
    name: token.name,
    role: token.role,
    member: token.member
      ? { id: token.member.id, name: token.member.name, role: token.member.role, teamId: token.member.team.id }
      : null,
    customerId: token.customer?.id ?? null,
  };
}

/**
 * Looks tokens up at most once per `ttlMs` per process: the lookup was most of the cost of a small
 * request. A revoked token therefore keeps working for up to `ttlMs` (SECURITY.md says so).
 */
export function cachedViewerLookup(ttlMs = 10_000, now: () => number = Date.now) {
  const cache = new Map<string, { viewer: Viewer; expires: number }>();
  return async (em: EntityManager, secret: string): Promise<Viewer | null> => {
    const hit = cache.get(secret);
    if (hit && hit.expires > now()) return hit.viewer;
    const viewer = await viewerForToken(em, secret);
    if (cache.size > 10_000) cache.clear();
    if (viewer) cache.set(secret, { viewer, expires: now() + ttlMs });
    else cache.delete(secret);
    return viewer;
  };
}
