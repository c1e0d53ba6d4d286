import type { Request, Response } from 'express';

/** The console's session cookie: httpOnly, SameSite=Strict, scoped to /admin, Secure when served over https. */
export const sessionCookieName = 'synaptiq_console';

/** The cookie's value from the request's Cookie header, if any. */
export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === sessionCookieName) {
      const value = part.slice(separator + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

/** Secure when this request came over TLS, or always when the relay's public address is https (TLS ends at a proxy). */
const attributes = (req: Request, alwaysSecure: boolean) => ['Path=/admin', 'HttpOnly', 'SameSite=Strict', ...(req.secure || alwaysSecure ? ['Secure'] : [])];

export function writeSessionCookie(req: Request, res: Response, id: string, alwaysSecure: boolean): void {
  res.append('set-cookie', [`${sessionCookieName}=${id}`, ...attributes(req, alwaysSecure)].join('; '));
}

export function clearSessionCookie(req: Request, res: Response, alwaysSecure: boolean): void {
  res.append('set-cookie', [`${sessionCookieName}=`, ...attributes(req, alwaysSecure), 'Max-Age=0'].join('; '));
}
