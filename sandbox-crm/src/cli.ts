import { parseArgs } from 'node:util';
import { z } from 'zod';
import { tierSchema } from './config';
import { startSandbox } from './index';

const usage = 'npm run sandbox -- [--port 4010] [--data sandbox-data.json] [--tier starter|professional|enterprise] [--search-lag-ms 3000] [--no-rate-limit]';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(4010),
  data: z.string().optional(),
  tier: tierSchema.default('starter'),
  'search-lag-ms': z.coerce.number().int().nonnegative().default(3000),
  'no-rate-limit': z.boolean().default(false),
  help: z.boolean().default(false),
});

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    data: { type: 'string' },
    tier: { type: 'string' },
    'search-lag-ms': { type: 'string' },
    'no-rate-limit': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
const parsed = argsSchema.safeParse(values);
if (!parsed.success || parsed.data.help) {
  console.log(parsed.success ? usage : `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${usage}`);
  process.exit(parsed.success ? 0 : 2);
}
const args = parsed.data;

const sandbox = await startSandbox({
  port: args.port,
  dataFile: args.data,
  config: {
    // Realistic by default: search lags writes by a few seconds, as in HubSpot.
    hubspot: { tier: args.tier, searchLagMs: args['search-lag-ms'], rateLimit: { enabled: !args['no-rate-limit'] } },
  },
});

console.log(`Sandbox CRM listening on ${sandbox.url}
  HubSpot:    new Client({ accessToken: 'any', basePath: '${sandbox.url}', numberOfApiCallRetries: 0 })
  Salesforce: new Connection({ instanceUrl: '${sandbox.url}', accessToken: 'any', version: '62.0' })
  Inspect:    GET ${sandbox.url}/_sandbox/stats · GET ${sandbox.url}/_sandbox/records/contacts · POST ${sandbox.url}/_sandbox/config
  Tier: ${args.tier}, search lag ${args['search-lag-ms']} ms${args.data ? `, data file ${args.data}` : ''}`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
