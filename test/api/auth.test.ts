import { describe, expect, it } from 'vitest';
import { ApiToken } from '../../db/entities/index.ts';
import { revokeToken, viewerForToken } from '../../domain/access/api-tokens.ts';
import { createLogger } from '../../server/logger.ts';
import { createApp } from '../../server/yoga.ts';
import { apiClient } from '../support/api.ts';
import { useTestDatabase } from '../support/database.ts';
import { makeMember, makeTeam, makeToken } from '../support/factories.ts';

const db = useTestDatabase();
const graphql = apiClient(db);

describe('API tokens', () => {
  it('refuses a request without a token with 401 and UNAUTHENTICATED', async () => {
    const result = await graphql(null, '{ teams { name } }');
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeUndefined();
  });

  it('refuses an unknown token, and a revoked one once its cached lookup expires', async () => {
    const em = db.orm.em.fork();
    expect((await graphql('ll_made_up', '{ viewer { role } }')).status).toBe(401);
    const token = await makeToken(em, 'SERVICE');
    const app = createApp({ orm: db.orm, logger: createLogger('silent'), tokenCacheMs: 300 });
    const ask = async () => {
      const response = await app.fetch('http://yoga/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      return response.status;
    };
    expect(await ask()).toBe(200);
    const viewer = await viewerForToken(em, token);
    await revokeToken(em, viewer!.tokenId);
    expect(await ask()).toBe(200); // the lookup made 0 ms ago is reused
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await ask()).toBe(401);
  });

  it('says who the caller is, and stores only a hash of the secret', async () => {
    const em = db.orm.em.fork();
    const member = await makeMember(em, await makeTeam(em), 'TEAM_LEAD');
    const token = await makeToken(em, 'MEMBER', member);
    const { data } = await graphql(token, '{ viewer { tokenName role member { name role } } }');
    expect(data.viewer).toEqual({
      tokenName: 'test MEMBER',
      role: 'MEMBER',
      member: { name: member.name, role: 'TEAM_LEAD' },
    });
    const stored = await em.fork().find(ApiToken, {});
    expect(stored.some((t) => t.tokenHash === token)).toBe(false);
    expect(stored.some((t) => t.tokenHash === ApiToken.hash(token))).toBe(true);
  });

  it('masks unexpected errors but keeps typed ones', async () => {
    const token = await makeToken(db.orm.em.fork());
    const result = await graphql(token, '{ customers(first: 500) { totalCount } }');
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED', field: 'first' } });
  });
});
