import type { SandboxConfig } from '../config';

/** With no clients configured any client id is accepted; otherwise id and secret must match one. */
export function clientAllowed(config: SandboxConfig, clientId: string | undefined, clientSecret: string | undefined): boolean {
  const clients = config.auth.clients;
  if (clients.length === 0) return true;
  return clients.some((c) => c.clientId === clientId && c.clientSecret === clientSecret);
}

/** Appends query parameters to a redirect URI that may already carry some. */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}
