import { Router, type Request, type Response } from 'express';
import { authorizeRedirect, clientAllowed, tokenRequestSchema } from '../../http/oauth-clients';
import type { SandboxContext } from '../../http/context';
import { correlationId } from '../../util/ids';

function oauthError(res: Response, status: string, message: string): void {
  res.status(400).json({ status, message, correlationId: correlationId() });
}

/**
 * HubSpot OAuth: an authorize page that approves at once and redirects back with a code, the v1 token
 * endpoint (authorization_code, refresh_token; refresh tokens rotate only if configured), token info and revoke.
 * https://developers.hubspot.com/docs/api/oauth/tokens
 */
export function hubspotOauthRoutes(ctx: SandboxContext): Router {
  const router = Router();
  const tokens = ctx.tokens;

  router.get('/oauth/authorize', authorizeRedirect(ctx, 'hubspot', 'crm.objects.contacts.write'));

  const tokenHandler = (req: Request, res: Response) => {
    tokens.tokenCalls.hubspot += 1;
    const parsed = tokenRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return oauthError(res, 'BAD_GRANT_TYPE', 'missing or unsupported grant_type');
    const body = parsed.data;
    if (!body.client_id || !clientAllowed(ctx.config, body.client_id, body.client_secret)) {
      return oauthError(res, 'BAD_CLIENT_ID', 'missing or unknown client_id, or client_secret does not match');
    }
    const now = ctx.clock.now();
    const ttl = ctx.config.hubspot.accessTokenTtlSeconds;
    let refreshToken: string;
    if (body.grant_type === 'authorization_code') {
      const entry = body.code ? tokens.redeemCode('hubspot', body.code, body.client_id) : null;
      if (!entry) return oauthError(res, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      if (body.redirect_uri && body.redirect_uri !== entry.redirectUri) {
        return oauthError(res, 'BAD_REDIRECT_URI', 'redirect_uri does not match the one used for the auth code');
      }
      refreshToken = tokens.issueRefresh('hubspot', body.client_id, entry.scopes);
    } else {
      const entry = body.refresh_token ? tokens.findRefresh('hubspot', body.refresh_token) : null;
      if (!entry || !body.refresh_token) return oauthError(res, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      refreshToken = body.refresh_token;
      if (ctx.config.hubspot.rotateRefreshTokens) {
        tokens.revoke(body.refresh_token);
        refreshToken = tokens.issueRefresh('hubspot', body.client_id, entry.scopes);
      }
    }
    res.json({
      token_type: 'bearer',
      refresh_token: refreshToken,
      access_token: tokens.issueAccess('hubspot', body.client_id, ttl * 1000, now),
      expires_in: ttl,
    });
  };
  router.post('/oauth/v1/token', tokenHandler);
  router.post('/oauth/v3/token', tokenHandler);

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const info = tokens.accessInfo(String(req.params.token));
    if (!info || info.revoked || info.api !== 'hubspot') {
      res.status(404).json({ status: 'error', message: 'Token not found', correlationId: correlationId(), category: 'OBJECT_NOT_FOUND' });
      return;
    }
    res.json({
      token: req.params.token,
      user: 'admin@acme-sandbox.example',
      hub_domain: 'acme-sandbox.example',
      scopes: ['oauth', 'crm.objects.contacts.write', 'crm.objects.companies.write', 'crm.objects.deals.write'],
      hub_id: ctx.config.hubspot.portalId,
      app_id: 1_234_567,
      expires_in: Math.max(0, Math.round((info.expiresAt - ctx.clock.now()) / 1000)),
      user_id: 5_110_001,
      token_type: 'access',
    });
  });

  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const entry = tokens.findRefresh('hubspot', String(req.params.token));
    if (!entry) return oauthError(res, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
    res.json({
      token: req.params.token,
      user: 'admin@acme-sandbox.example',
      hub_domain: 'acme-sandbox.example',
      scopes: entry.scopes,
      hub_id: ctx.config.hubspot.portalId,
      client_id: entry.clientId,
      user_id: 5_110_001,
      token_type: 'refresh',
    });
  });

  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    tokens.revoke(String(req.params.token));
    res.status(204).end();
  });

  return router;
}
