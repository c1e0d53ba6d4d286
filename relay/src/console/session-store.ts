import { createHash, randomBytes } from 'node:crypto';

/**
 * Console sessions, kept in memory (a relay restart signs everyone out, which is fine for an admin page).
 * The cookie carries only a random id; the store is keyed by its hash so a heap dump shows no usable cookie.
 * The API key used to sign in is not kept: only its hash, to end the session when the key is revoked.
 */

export interface ConsoleSession {
  kind: 'workspace' | 'operator';
  workspaceId: string;
  /** SHA-256 of the API key that signed in (workspace sessions); null for the operator. */
  apiKeyHash: string | null;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionLimits {
  /** Signed out after this long without a request. */
  idleMs: number;
  /** Signed out after this long whatever happens. */
  absoluteMs: number;
  /** Oldest sessions are dropped beyond this many (a flood of sign-ins cannot exhaust memory). */
  maxSessions: number;
}

export const defaultSessionLimits: SessionLimits = { idleMs: 2 * 60 * 60_000, absoluteMs: 12 * 60 * 60_000, maxSessions: 10_000 };

const digest = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');
export const randomToken = (): string => randomBytes(32).toString('base64url');

export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly limits: SessionLimits = defaultSessionLimits) {}

  /** Starts a session; answers the cookie value (shown to nobody but the browser). */
  create(fields: Pick<ConsoleSession, 'kind' | 'workspaceId' | 'apiKeyHash'>, now: number): { id: string; session: ConsoleSession } {
    while (this.sessions.size >= this.limits.maxSessions) {
      const oldest = this.sessions.keys().next();
      if (oldest.done) break;
      this.sessions.delete(oldest.value);
    }
    const id = randomToken();
    const session: ConsoleSession = { ...fields, csrfToken: randomToken(), createdAt: now, lastSeenAt: now };
    this.sessions.set(digest(id), session);
    return { id, session };
  }

  /** The live session of a cookie value, touched; undefined when unknown or expired. */
  get(id: string, now: number): ConsoleSession | undefined {
    const key = digest(id);
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (now - session.lastSeenAt > this.limits.idleMs || now - session.createdAt > this.limits.absoluteMs) {
      this.sessions.delete(key);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(digest(id));
  }
}
