import type { Response } from 'express';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);

/**
 * The small page a user lands on after approving (or not) at the CRM. No script, nothing loaded from
 * elsewhere, not cacheable, and no Referer sent onwards (the URL carried the authorization code).
 */
export function sendResultPage(res: Response, status: number, title: string, message: string): void {
  const ok = status < 400;
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    })
    .send(
      `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.4rem;color:${ok ? '#0b7a3e' : '#b42318'}}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${ok ? '<p>You can close this window.</p>' : ''}</body></html>
`,
    );
}
