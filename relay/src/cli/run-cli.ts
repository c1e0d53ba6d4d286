import { parseArgs } from 'node:util';
import { isSyncError } from '@synaptiq/shared';
import { ConfigError, loadConfig } from '../config';
import { openCliContext } from './cli-context';
import type { CliContext, CliOverrides } from './cli-context';
import { exitCodes, UsageError } from './cli-io';
import type { CliIo, ExitCode } from './cli-io';
import { keyCreate, keyList, keyRevoke, secretRetire, secretRotate } from './commands/credentials';
import { deadLettersList, replay } from './commands/dead-letters';
import { importEvents } from './commands/import-events';
import { status } from './commands/status';
import { syncNowCommand } from './commands/sync-now';
import { workspaceCreate, workspaceList } from './commands/workspace';
import { usage } from './usage';

const optionSpec = {
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  all: { type: 'boolean' },
  name: { type: 'string' },
  label: { type: 'string' },
  limit: { type: 'string' },
  'api-key': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof optionSpec; allowPositionals: true }>>['values'];

interface Command {
  /** Positional arguments after the command words: required, then optional. */
  required: string[];
  optional?: string[];
  /** Only `workspace create` may start a new data dir. */
  createsData?: boolean;
  run(context: CliContext, args: string[], values: Values): Promise<ExitCode | void>;
}

const limitOf = (value: string | undefined): number => {
  if (value === undefined) return 25;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number (got "${value}").`);
  return limit;
};

const arg = (args: string[], index: number): string => args[index] as string;

const commands: Record<string, Command> = {
  'workspace create': { required: ['id'], createsData: true, run: (c, a, v) => workspaceCreate(c, arg(a, 0), v.name) },
  'workspace list': { required: [], run: (c) => workspaceList(c) },
  'key create': { required: ['workspace'], run: (c, a, v) => keyCreate(c, arg(a, 0), v.label) },
  'key list': { required: ['workspace'], run: (c, a) => keyList(c, arg(a, 0)) },
  'key revoke': { required: ['workspace', 'key-id'], run: (c, a) => keyRevoke(c, arg(a, 0), arg(a, 1)) },
  'secret rotate': { required: ['workspace'], run: (c, a) => secretRotate(c, arg(a, 0)) },
  'secret retire': { required: ['workspace'], run: (c, a) => secretRetire(c, arg(a, 0)) },
  status: { required: [], optional: ['workspace'], run: (c, a) => status(c, a[0]) },
  'sync-now': { required: ['workspace'], run: (c, a, v) => syncNowCommand(c, arg(a, 0), v['api-key']) },
  'dead-letters list': { required: ['workspace'], run: (c, a, v) => deadLettersList(c, arg(a, 0), limitOf(v.limit)) },
  replay: { required: ['workspace'], optional: ['event-id'], run: (c, a, v) => replay(c, arg(a, 0), a[1], v.all === true) },
  import: { required: ['workspace', 'file.jsonl'], run: (c, a) => importEvents(c, arg(a, 0), arg(a, 1)) },
};

function findCommand(positionals: string[]): { name: string; command: Command; args: string[] } {
  for (const words of [2, 1]) {
    const name = positionals.slice(0, words).join(' ');
    const command = commands[name];
    if (command) return { name, command, args: positionals.slice(words) };
  }
  throw new UsageError(positionals.length === 0 ? 'Give a command.' : `Unknown command "${positionals.slice(0, 2).join(' ')}".`);
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Runs one CLI command and resolves to its exit code: 0 ok, 1 failure (the message says what to fix),
 * 2 usage (the command line is wrong). Never exits the process itself, so tests call it directly.
 */
export async function runCli(argv: string[], io: CliIo, overrides: CliOverrides = {}): Promise<ExitCode> {
  let json = argv.includes('--json');
  let context: CliContext | undefined;
  try {
    const { values, positionals } = parse(argv);
    json = values.json === true;
    if (values.help) {
      io.stdout.write(usage);
      return exitCodes.ok;
    }
    const { name, command, args } = findCommand(positionals);
    const most = command.required.length + (command.optional?.length ?? 0);
    if (args.length < command.required.length || args.length > most) {
      const shape = [...command.required.map((a) => `<${a}>`), ...(command.optional ?? []).map((a) => `[<${a}>]`)].join(' ');
      throw new UsageError(`"${name}" takes ${shape || 'no arguments'}.`);
    }
    context = await openCliContext(loadConfig(io.env), io, { json, force: values.force === true, dataDir: values['data-dir'] }, overrides, command.createsData === true);
    return (await command.run(context, args, values)) ?? exitCodes.ok;
  } catch (error) {
    return reportError(io, error, json);
  } finally {
    await context?.close();
  }
}

function reportError(io: CliIo, error: unknown, json: boolean): ExitCode {
  if (error instanceof UsageError) {
    io.stderr.write(`${error.message}\n\n${usage}`);
    if (json) io.stdout.write(`${JSON.stringify({ error: { code: 'usage', message: error.message } })}\n`);
    return exitCodes.usage;
  }
  const code = isSyncError(error) ? error.code : error instanceof ConfigError ? 'config.invalid' : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`error: ${message}\n`);
  if (json) io.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
  return exitCodes.failure;
}
