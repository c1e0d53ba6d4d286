import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SyncError, systemClock } from '@synaptiq/shared';
import type { Clock, Stores, Workspace } from '@synaptiq/shared';
import type { RelayEnv } from '../config';
import { createSecretBox } from '../crypto';
import type { SecretBox } from '../crypto';
import { loadEncryptionKey } from '../services/encryption-key';
import { configFileName, openStores } from '../stores';
import type { CrmFor, Logger } from '../worker/types';
import type { CliIo } from './cli-io';
import { relayIsRunning, relayUrlOf } from './relay-probe';

/** What tests replace: time, the CRM of a local Sync Now, the running-relay check, the log. */
export interface CliOverrides {
  clock?: Clock;
  /** Default: the workspace's connected CRM, or the sandbox CRM started for the run. */
  crmFor?: CrmFor;
  relayRunning?: (url: string) => Promise<boolean>;
  logger?: Logger;
}

export interface CliOptions {
  json: boolean;
  force: boolean;
  dataDir?: string | undefined;
}

export interface CliContext {
  env: RelayEnv;
  dataDir: string;
  stores: Stores;
  secrets: SecretBox;
  clock: Clock;
  logger: Logger;
  io: CliIo;
  options: CliOptions;
  overrides: CliOverrides;
  /** Where a relay started with this environment answers. */
  relayUrl: string;
  isRelayRunning(): Promise<boolean>;
  requireWorkspace(id: string): Promise<Workspace>;
  /** Configuration changes need the relay stopped: it keeps config.json in memory and would write over them. */
  assertRelayStopped(): Promise<void>;
  /** --json prints `json`; otherwise `text` (a trailing newline is added when missing). */
  print(json: unknown, text: string): void;
  close(): Promise<void>;
}

/** Short fields only: causes of SDK errors are long HTTP dumps, which an operator reads in the relay's log, not here. */
const shortFields = (fields: object): string =>
  Object.entries(fields)
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value) && String(value).length <= 120)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');

/** Warnings and errors as plain lines on stderr (ids and codes only: the worker never logs PII). */
const stderrLogger = (io: CliIo): Logger => {
  const line = (level: string) => (fields: object, message?: string) => io.stderr.write(`${level}: ${message ?? ''} ${shortFields(fields)}\n`);
  return { debug: () => undefined, info: () => undefined, warn: line('warning'), error: line('error') };
};

/**
 * Opens the relay's data dir the way the server does (DATA_DIR, ENCRYPTION_KEY or the key file next to the data).
 * Only `workspace create` may start a new data dir; every other command on an empty one is a mistyped DATA_DIR.
 */
export async function openCliContext(env: RelayEnv, io: CliIo, options: CliOptions, overrides: CliOverrides, mayCreate: boolean): Promise<CliContext> {
  const dataDir = resolve(options.dataDir ?? env.DATA_DIR);
  // With DATABASE_URL the data is in PostgreSQL (shared with running instances); the data dir holds nothing of it.
  if (env.DATABASE_URL === undefined && !mayCreate && !existsSync(join(dataDir, configFileName))) {
    throw new SyncError('not_found', `There is no relay data in ${dataDir}: set DATA_DIR (or --data-dir) to the relay's data directory, or create a workspace first.`);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const encryptionKey = loadEncryptionKey(env.ENCRYPTION_KEY, dataDir);
  if (encryptionKey.origin === 'generated') {
    io.stderr.write(`ENCRYPTION_KEY is not set: generated ${encryptionKey.path}; back it up with the data dir.\n`);
  }
  const secrets = createSecretBox(encryptionKey.key);
  const stores = await openStores(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL, schema: env.DATABASE_SCHEMA } : { dataDir });
  const relayUrl = relayUrlOf(env);
  const isRelayRunning = () => (overrides.relayRunning ?? relayIsRunning)(relayUrl);
  return {
    env,
    dataDir,
    stores,
    secrets,
    clock: overrides.clock ?? systemClock,
    logger: overrides.logger ?? stderrLogger(io),
    io,
    options,
    overrides,
    relayUrl,
    isRelayRunning,
    async requireWorkspace(id) {
      const workspace = await stores.config.getWorkspace(id);
      if (!workspace) throw new SyncError('not_found', `There is no workspace "${id}" in ${dataDir}; "workspace list" shows the workspaces.`, { details: { workspace_id: id } });
      return workspace;
    },
    async assertRelayStopped() {
      if (options.force || !(await isRelayRunning())) return;
      throw new SyncError(
        'conflict',
        `A relay is running at ${relayUrl}: it keeps the configuration in memory and would overwrite this change. Stop it, run the command again, then start it (or pass --force if that relay uses another data dir).`,
      );
    },
    print(json, text) {
      if (options.json) io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else if (text !== '') io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
    close: () => stores.close(),
  };
}
