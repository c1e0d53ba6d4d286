import { randomToken } from '../util/ids';
import type { Api } from './context';

interface IssuedToken {
  api: Api;
  clientId: string;
  expiresAt: number;
  revoked: boolean;
}

interface RefreshToken {
  api: Api;
  clientId: string;
  revoked: boolean;
  scopes: string[];
}

interface AuthCode {
  api: Api;
  clientId: string;
  redirectUri: string;
  used: boolean;
  scopes: string[];
}

export type TokenCheck = 'ok' | 'missing' | 'expired' | 'invalid';

/** OAuth codes and tokens the sandbox has issued, plus the static tokens it was configured with. */
export class TokenRegistry {
  private readonly access = new Map<string, IssuedToken>();
  private readonly refresh = new Map<string, RefreshToken>();
  private readonly codes = new Map<string, AuthCode>();
  /** Counts token endpoint calls, so tests can assert "two concurrent refreshes → one call". */
  tokenCalls: Record<Api, number> = { hubspot: 0, salesforce: 0 };

  constructor(private readonly staticTokens: () => string[]) {}

  /**
   * Unknown tokens pass unless static tokens are configured; tokens the sandbox issued are always
   * checked for expiry and revocation, so refresh flows can be tested in either mode.
   */
  check(api: Api, token: string | undefined, now: number): TokenCheck {
    if (!token) return 'missing';
    const issued = this.access.get(token);
    if (issued) {
      if (issued.revoked || issued.api !== api) return 'invalid';
      return now >= issued.expiresAt ? 'expired' : 'ok';
    }
    const configured = this.staticTokens();
    if (configured.length === 0) return 'ok';
    return configured.includes(token) ? 'ok' : 'invalid';
  }

  issueCode(api: Api, clientId: string, redirectUri: string, scopes: string[]): string {
    const code = randomToken(api === 'hubspot' ? 'na1-code-' : 'aPrx');
    this.codes.set(code, { api, clientId, redirectUri, used: false, scopes });
    return code;
  }

  /** Exchanges a code once; returns null when it is unknown, used, or for another client. */
  redeemCode(api: Api, code: string, clientId: string): AuthCode | null {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.api !== api || (clientId && entry.clientId !== clientId)) return null;
    entry.used = true;
    return entry;
  }

  issueAccess(api: Api, clientId: string, ttlMs: number, now: number): string {
    const token = randomToken(api === 'hubspot' ? 'CKsandbox-' : '00D5g000004SandAAA!');
    this.access.set(token, { api, clientId, expiresAt: now + ttlMs, revoked: false });
    return token;
  }

  issueRefresh(api: Api, clientId: string, scopes: string[]): string {
    const token = randomToken(api === 'hubspot' ? 'na1-refresh-' : '5Aep861sandbox');
    this.refresh.set(token, { api, clientId, revoked: false, scopes });
    return token;
  }

  findRefresh(api: Api, token: string): RefreshToken | null {
    const entry = this.refresh.get(token);
    return entry && !entry.revoked && entry.api === api ? entry : null;
  }

  accessInfo(token: string): IssuedToken | undefined {
    return this.access.get(token);
  }

  /** Revokes an access or refresh token; true if the sandbox knew it. */
  revoke(token: string): boolean {
    const access = this.access.get(token);
    if (access) access.revoked = true;
    const refresh = this.refresh.get(token);
    if (refresh) refresh.revoked = true;
    return Boolean(access ?? refresh);
  }

  /** Expires every issued access token now (admin: forces the refresh path). */
  expireAll(now: number): void {
    for (const entry of this.access.values()) entry.expiresAt = Math.min(entry.expiresAt, now);
  }
}
