// The bots on their own, for deployments that run them apart from the API: they reach it over
// HTTP at LOYALTY_API_URL with a BOT token (npm run token -- create --name bots --role BOT).
import { createGraphQLClient } from '../bots/graphql-client.ts';
import { startBots } from './bots.ts';
import { loadConfig } from './config.ts';
import { createHttpServer } from './http-server.ts';
import { keepServingOnUncaught } from './last-resort.ts';
import { createLogger } from './logger.ts';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
keepServingOnUncaught(logger);
if (!config.LOYALTY_API_URL || !config.LOYALTY_API_TOKEN) {
  console.error('Set LOYALTY_API_URL (e.g. http://api:4000/graphql) and LOYALTY_API_TOKEN (a BOT token).');
  process.exit(1);
}
const api = createGraphQLClient({ url: config.LOYALTY_API_URL, token: config.LOYALTY_API_TOKEN });
const bots = await startBots(config, api, logger);
const server = createHttpServer((_request, response) => void response.writeHead(404).end(), bots.routes);
await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
console.log(
  [`loyalty-loop bots, using the API at ${config.LOYALTY_API_URL}`, ...bots.status.map((line) => `  ${line}`)].join(
    '\n',
  ),
);

async function stop() {
  await bots.stop();
  server.close(() => process.exit(0));
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
