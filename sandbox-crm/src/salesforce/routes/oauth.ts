import { Router, type Request, type Response } from 'express';
import type { SandboxContext } from '../../http/context';
import { authorizeRedirect, clientAllowed, tokenRequestSchema } from '../../http/oauth-clients';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function oauthError(res: Response, error: string, description: string, status = 400): void {
  res.status(status).json({ error, error_description: description });
}

/**
 * Salesforce OAuth 2.0 web-server flow: authorize (approves at once and redirects back with a code), token
 * (authorization_code, refresh_token; refresh tokens rotate only if configured), revoke, userinfo.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
 */
export function salesforceOauthRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const tokens = ctx.tokens;

  const identityUrl = () => `${ctx.baseUrl()}/id/${ctx.config.salesforce.orgId}/${ctx.salesforce.apiUserId}`;

  router.get('/services/oauth2/authorize', authorizeRedirect(ctx, 'salesforce', 'api refresh_token'));

  router.post('/services/oauth2/token', (req, res) => {
    tokens.tokenCalls.salesforce += 1;
    const parsed = tokenRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return oauthError(res, 'unsupported_grant_type', 'grant type not supported');
    const body = parsed.data;
    if (!body.client_id || !clientAllowed(ctx.config, body.client_id, body.client_secret)) {
      return oauthError(res, 'invalid_client', 'invalid client credentials');
    }
    const now = ctx.clock.now();
    const ttlMs = ctx.config.salesforce.sessionTtlSeconds * 1000;
    let refreshToken: string | undefined;
    if (body.grant_type === 'authorization_code') {
      const entry = body.code ? tokens.redeemCode('salesforce', body.code, body.client_id) : null;
      if (!entry) return oauthError(res, 'invalid_grant', 'invalid authorization code');
      if (body.redirect_uri && body.redirect_uri !== entry.redirectUri) return oauthError(res, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
      refreshToken = tokens.issueRefresh('salesforce', body.client_id, entry.scopes);
    } else {
      const entry = body.refresh_token ? tokens.findRefresh('salesforce', body.refresh_token) : null;
      if (!entry || !body.refresh_token) return oauthError(res, 'invalid_grant', 'expired access/refresh token');
      if (ctx.config.salesforce.rotateRefreshTokens) {
        tokens.revoke(body.refresh_token);
        refreshToken = tokens.issueRefresh('salesforce', body.client_id, entry.scopes);
      }
    }
    res.json({
      access_token: tokens.issueAccess('salesforce', body.client_id, ttlMs, now),
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      signature: Buffer.from(`sandbox-${now}`).toString('base64'),
      scope: 'api refresh_token',
      instance_url: ctx.baseUrl(),
      id: identityUrl(),
      token_type: 'Bearer',
      issued_at: String(now),
    });
  });

  const revoke = (req: Request, res: Response) => {
    const token = str(req.body?.token) ?? str(req.query.token);
    if (!token || !tokens.revoke(token)) return oauthError(res, 'unsupported_token_type', 'this token type is not supported');
    res.status(200).end();
  };
  router.post('/services/oauth2/revoke', revoke);
  router.get('/services/oauth2/revoke', revoke);

  const userFields = () => {
    const user = ctx.salesforce.get('User', ctx.salesforce.apiUserId);
    return {
      userId: ctx.salesforce.apiUserId,
      orgId: ctx.config.salesforce.orgId,
      username: String(user?.fields.Username ?? 'admin@acme-sandbox.example'),
      name: String(user?.fields.Name ?? 'Sandbox Admin'),
      email: String(user?.fields.Email ?? 'admin@acme-sandbox.example'),
    };
  };
  const urls = () => ({
    rest: `${ctx.baseUrl()}/services/data/v{version}/`,
    sobjects: `${ctx.baseUrl()}/services/data/v{version}/sobjects/`,
    query: `${ctx.baseUrl()}/services/data/v{version}/query/`,
  });

  // OpenID Connect userinfo: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm
  router.get('/services/oauth2/userinfo', (_req, res) => {
    const u = userFields();
    res.json({
      sub: identityUrl(),
      user_id: u.userId,
      organization_id: u.orgId,
      preferred_username: u.username,
      name: u.name,
      email: u.email,
      email_verified: true,
      zoneinfo: 'America/Los_Angeles',
      locale: 'en_US',
      language: 'en_US',
      active: true,
      user_type: 'STANDARD',
      urls: urls(),
    });
  });

  // Identity URL (the token response's `id`): https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm
  router.get('/id/:orgId/:userId', (_req, res) => {
    const u = userFields();
    res.json({
      id: identityUrl(),
      asserted_user: true,
      user_id: u.userId,
      organization_id: u.orgId,
      username: u.username,
      display_name: u.name,
      email: u.email,
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: -28_800_000,
      urls: urls(),
    });
  });

  return router;
}
