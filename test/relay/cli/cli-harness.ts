import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stores } from '@synaptiq/shared';
import { runCli } from '../../../relay/src/cli/index';
import type { CliOverrides, ExitCode } from '../../../relay/src/cli/index';
import { createSecretBox } from '../../../relay/src/crypto';
import type { SecretBox } from '../../../relay/src/crypto';
import { openStores } from '../../../relay/src/stores';
import { rawEvent } from '../../fixtures/events/load-event';
import { fixedClock, silentLogger } from '../support/test-relay';

export const cliEncryptionKey = Buffer.alloc(32, 9).toString('base64');

export const tempDataDir = () => mkdtemp(join(tmpdir(), 'relay-cli-'));

/** The environment a CLI run gets: the data dir, a fixed key, and a port nothing listens on. */
export const cliEnv = (dataDir: string): NodeJS.ProcessEnv => ({ DATA_DIR: dataDir, ENCRYPTION_KEY: cliEncryptionKey, HOST: '127.0.0.1', PORT: '9', SANDBOX: 'off' });

export interface CliRun {
  code: ExitCode;
  stdout: string;
  stderr: string;
  json<T>(): T;
}

/** Runs one CLI command in-process, as `synaptiq-relay <argv>` would, with no relay running unless told. */
export async function cli(dataDir: string, argv: string[], overrides: CliOverrides = {}, options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    env: options.env ?? cliEnv(dataDir),
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
  };
  const code = await runCli(argv, io, { relayRunning: async () => false, clock: fixedClock(), logger: silentLogger, ...overrides });
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}

/** Opens the data dir the CLI wrote, to check what it stored; closes it after `look`. */
export async function inspect<T>(dataDir: string, look: (stores: Stores, secrets: SecretBox) => Promise<T>): Promise<T> {
  const stores = await openStores({ dataDir });
  try {
    return await look(stores, createSecretBox(cliEncryptionKey));
  } finally {
    await stores.close();
  }
}

/** A data dir with workspace `acme`; returns its printed credentials. */
export async function dataDirWithWorkspace(): Promise<{ dataDir: string; apiKey: string; webhookSecret: string }> {
  const dataDir = await tempDataDir();
  const created = await cli(dataDir, ['workspace', 'create', 'acme', '--name', 'Acme', '--json']);
  if (created.code !== 0) throw new Error(created.stderr);
  const { api_key: apiKey, webhook_secret: webhookSecret } = created.json<{ api_key: string; webhook_secret: string }>();
  return { dataDir, apiKey, webhookSecret };
}

/** One JSONL line: the lead.created fixture under another event and lead id, with lead fields patched. */
export function eventLine(eventId: string, leadId: string, lead: Record<string, unknown> = {}): string {
  const event = rawEvent('lead.created') as { data: { lead: Record<string, unknown> } };
  return JSON.stringify({ ...event, id: eventId, data: { lead: { ...event.data.lead, id: leadId, email: `${leadId}@example.com`, ...lead } } });
}
