/** One OAuth token refresh, as an adapter's session would send it. */
export interface TokenRefresh {
  /** The refresh token the session holds. */
  refreshToken: string;
  /** Sends the refresh with the given refresh token; answers the provider's raw token response. */
  send(refreshToken: string): Promise<unknown>;
  /** The refresh token a raw answer carries (a rotated one), if any. */
  nextRefreshToken(answer: unknown): string | undefined;
}

/**
 * How a session's refresh goes out. Without one it is sent as is (single-flight inside the process only);
 * the relay on PostgreSQL passes one that makes it single-flight across instances and never spends a
 * refresh token another instance already rotated (relay/src/stores/postgres/coordination/oauth-refresh.ts).
 */
export type RefreshGate = (refresh: TokenRefresh) => Promise<unknown>;
