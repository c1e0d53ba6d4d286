import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress, systemLookup } from '../services/hooks/target-url';
import type { HostLookup } from '../services/hooks/target-url';
import type { HookTransport } from './hook-transport';

export interface HttpTransportOptions {
  /** HOOKS_ALLOW_PRIVATE_TARGETS: when false, a connection to a private address is refused at connect time. */
  allowPrivateTargets: boolean;
  lookup?: HostLookup;
}

/**
 * Sends with node:http(s) (https://nodejs.org/api/http.html#httprequesturl-options-callback). The addresses are
 * checked inside the connection's own DNS lookup, so a hostname that resolves to a public address when the URL is
 * checked and to a private one a moment later (DNS rebinding) is still refused. Redirects are not followed (a 3xx
 * is a failure), the response body is discarded, and the whole attempt has one deadline.
 */
export function httpTransport(options: HttpTransportOptions): HookTransport {
  const lookup = guardedLookup(options.lookup ?? systemLookup, options.allowPrivateTargets);
  return (request) =>
    new Promise((resolve) => {
      const url = new URL(request.url);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const outgoing = send(
        url,
        {
          method: 'POST',
          headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
          lookup,
          signal: AbortSignal.timeout(request.timeoutMs),
        },
        (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? null, retryAfter: firstHeader(response.headers, 'retry-after'), error: null });
        },
      );
      outgoing.on('error', (error: Error) => {
        const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError';
        resolve({ status: null, retryAfter: null, error: timedOut ? `no response within ${request.timeoutMs / 1000} s` : `request failed: ${error.message}` });
      });
      outgoing.end(request.body);
    });
}

function firstHeader(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** A net.connect lookup that resolves with `lookup` and refuses private addresses unless allowed. */
function guardedLookup(lookup: HostLookup, allowPrivateTargets: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname).then(
      (addresses) => {
        const refused = allowPrivateTargets ? [] : addresses.filter((entry) => isPrivateAddress(entry.address));
        const [first] = addresses;
        if (refused.length > 0 || first === undefined) {
          const reason = first === undefined ? 'resolves to no address' : `resolves to the private address ${refused.map((entry) => entry.address).join(', ')}`;
          callback(Object.assign(new Error(`${hostname} ${reason}`), { code: 'ENOTFOUND' }), '', 4);
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}
