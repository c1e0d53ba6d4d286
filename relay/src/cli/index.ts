export { runCli } from './run-cli';
export type { CliContext, CliOverrides } from './cli-context';
export { exitCodes, UsageError } from './cli-io';
export type { CliIo, ExitCode } from './cli-io';
export { checkEventLine } from './commands/import-events';
