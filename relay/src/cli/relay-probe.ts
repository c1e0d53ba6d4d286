import type { RelayEnv } from '../config';

/** The address a relay started with this environment answers on. */
export const relayUrlOf = (env: Pick<RelayEnv, 'HOST' | 'PORT'>): string => `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;

/** Whether a relay answers GET /health at `url` (a short timeout: nothing listening is the usual answer). */
export async function relayIsRunning(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(500) });
    return response.ok;
  } catch {
    return false;
  }
}
