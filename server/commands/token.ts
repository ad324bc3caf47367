// Issues, lists and revokes API tokens: npm run token -- create --name NAME --role ROLE [--member EMAIL] [--customer ID]
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ApiToken } from '../../db/entities/index.ts';
import { tokenRoles } from '../../db/enums.ts';
import type { Actor } from '../../domain/access/actor.ts';
import { issueToken, revokeToken } from '../../domain/access/api-tokens.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../database.ts';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    role: { type: 'string' },
    member: { type: 'string' },
    customer: { type: 'string' },
    id: { type: 'string' },
  },
});
const [command] = positionals;
const usage = `usage:
  npm run token -- create --name NAME --role ${tokenRoles.join('|')} [--member EMAIL] [--customer ID]
  npm run token -- list
  npm run token -- revoke --id ID`;

const cli: Actor = { memberId: null, name: `command line (${userInfo().username})`, channel: 'SYSTEM' };
const db = await openDatabase(loadConfig(), () => {});
const em = db.orm.em.fork();
try {
  if (command === 'create') {
    const role = tokenRoles.find((r) => r === values.role);
    if (!values.name || !role) throw new Error(usage);
    const customerId = values.customer ? Number(values.customer) : null;
    const { token, secret } = await issueToken(
      em,
      { name: values.name, role, memberEmail: values.member, customerId },
      cli,
    );
    console.log(`token ${token.id} (${role}) created. Its secret is shown only now:\n${secret}`);
  } else if (command === 'list') {
    const tokens = await em.find(ApiToken, {}, { populate: ['member'], orderBy: { id: 'asc' } });
    for (const t of tokens) {
      console.log(
        `${t.id}\t${t.role}\t${t.name}\t${t.member?.email ?? '-'}\t${t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active'}`,
      );
    }
  } else if (command === 'revoke') {
    if (!values.id) throw new Error(usage);
    const token = await revokeToken(em, Number(values.id), cli);
    console.log(`token ${token.id} revoked`);
  } else {
    throw new Error(usage);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
