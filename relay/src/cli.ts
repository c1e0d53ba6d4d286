/** The operator CLI: `npm run relay -- <command>` or `npx synaptiq-relay <command>` (see relay/src/cli/usage.ts). */

// node:sqlite announces itself as experimental on every run; operators need not see that on each command.
// The CLI is loaded after this filter (a dynamic import), since the warning fires when the module loads.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  if (String(warning).includes('SQLite is an experimental feature')) return;
  (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

const { runCli } = await import('./cli/index');
process.exitCode = await runCli(process.argv.slice(2), { env: process.env, stdout: process.stdout, stderr: process.stderr });
export {};
