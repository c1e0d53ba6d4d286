import type { Authentication } from 'zapier-platform-core';
import { helpLinks } from './links';
import { callRelay } from './relay';
import { meSchema } from './schemas/relay';

/** What the label needs of the test's answer. */
const connectionNameSchema = meSchema.pick({ workspace: true, crm: true });

/**
 * Custom auth: the relay's base URL and a workspace API key. The test is GET /v1/me, which also names the
 * workspace for the connection label (never the key).
 */
export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'relay_url',
      label: 'Relay URL',
      type: 'string',
      required: true,
      helpText:
        `The HTTPS address your Synaptiq CRM Sync relay is reachable at, e.g. \`https://crm-sync.example.com\` (opening \`/health\` under it shows \`{"status":"ok"}\`). See [Connecting](${helpLinks.connecting}).`,
    },
    {
      key: 'api_key',
      label: 'Workspace API Key',
      type: 'password',
      required: true,
      helpText:
        `The relay prints the workspace API key once, in its log when it first starts; keep it somewhere safe. See [where to find the key](${helpLinks.connecting}).`,
    },
  ],
  test: async (z, bundle) => callRelay(z, bundle, { path: '/v1/me' }, meSchema),
  // Async because core's Function type is a PerformFunction; the bundle's inputData is the test's answer.
  connectionLabel: async (_z, bundle) => {
    const parsed = connectionNameSchema.safeParse(bundle.inputData);
    return parsed.success ? `${parsed.data.workspace.name} (${parsed.data.crm.provider})` : '';
  },
} satisfies Authentication;
