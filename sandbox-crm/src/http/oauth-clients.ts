import type { Request, Response } from 'express';
import { z } from 'zod';
import type { SandboxConfig } from '../config';
import type { Api, SandboxContext } from './context';

/** The form both vendors' token endpoints take (HubSpot /oauth/v1/token, Salesforce /services/oauth2/token). */
export const tokenRequestSchema = z.object({
  grant_type: z.enum(['authorization_code', 'refresh_token']),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  redirect_uri: z.string().optional(),
  code: z.string().optional(),
  refresh_token: z.string().optional(),
});

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

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** An authorize page that approves at once and redirects back with a code (and the caller's state). */
export function authorizeRedirect(ctx: SandboxContext, api: Api, defaultScopes: string) {
  return (req: Request, res: Response) => {
    const redirectUri = str(req.query.redirect_uri);
    const clientId = str(req.query.client_id);
    if (!redirectUri || !clientId) {
      res.status(400).type('text/plain').send('client_id and redirect_uri are required');
      return;
    }
    const scopes = (str(req.query.scope) ?? defaultScopes).split(/[ +]/).filter(Boolean);
    const code = ctx.tokens.issueCode(api, clientId, redirectUri, scopes);
    res.redirect(302, withQuery(redirectUri, { code, state: str(req.query.state) }));
  };
}
