import pino from 'pino';
import { loadConfig } from '../../../relay/src/config';
import { startRelay } from '../../../relay/src/server';

/**
 * One relay instance as its own process (the scale tests start several on one database and kill one of
 * them): starts the relay from the environment on a free port, prints `{"url": …}` once listening, stops on SIGTERM.
 */
async function main(): Promise<void> {
  // A free port: several instances run side by side.
  const env = { ...loadConfig(process.env), PORT: 0 };
  // Logs go to stderr: stdout carries only the line the parent waits for.
  const relay = await startRelay(env, { logger: pino({ level: env.LOG_LEVEL }, pino.destination(2)) });
  process.stdout.write(`${JSON.stringify({ url: relay.url })}\n`);
  process.once('SIGTERM', () => {
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
