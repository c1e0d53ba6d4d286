import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { SyncError } from '@synaptiq/shared';

/**
 * Outbound webhook targets must be public http(s) addresses: a subscriber must not be able to make the
 * relay call its own admin port, the cloud metadata service or the operator's private network (SSRF).
 * Every address the hostname resolves to is checked, IPv4 and IPv6; an operator who really delivers
 * inside a private network sets HOOKS_ALLOW_PRIVATE_TARGETS=true.
 */

/** Resolves a hostname to all its addresses (node:dns lookup with `all: true`; tests inject a table). */
export type HostLookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export interface TargetPolicy {
  allowPrivateTargets: boolean;
  lookup: HostLookup;
}

// https://www.iana.org/assignments/iana-ipv4-special-registry and …/iana-ipv6-special-registry
const blockedV4: Array<[string, number]> = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, includes the 169.254.169.254 metadata service
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, includes broadcast
];
const blockedV6: Array<[string, number]> = [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (fd00:ec2::254 is AWS's IPv6 metadata service)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

const blockList = new BlockList();
for (const [network, prefix] of blockedV4) blockList.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of blockedV6) blockList.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address an IPv6 address embeds (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), if any. */
function embeddedV4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return null;
  if (match[1] !== undefined) return match[1];
  const high = parseInt(match[2] as string, 16);
  const low = parseInt(match[3] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** True for loopback, private, link-local, metadata and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blockList.check(bare, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const v4 = embeddedV4(bare);
  return v4 !== null ? blockList.check(v4, 'ipv4') : blockList.check(bare, 'ipv6');
}

const invalid = (targetUrl: string, message: string): SyncError =>
  new SyncError('request.invalid', message, { details: { errors: [{ path: 'body.target_url', message }], target_url: targetUrl } });

/**
 * Checks a subscription's target URL; resolves to the normalised URL or throws SyncError `request.invalid`
 * saying what to change. Run again before each delivery, so a hostname re-pointed at a private address is caught.
 */
export async function checkTargetUrl(targetUrl: string, policy: TargetPolicy): Promise<string> {
  let url: URL;
  try {
    url = new URL(targetUrl);
  } catch {
    throw invalid(targetUrl, 'target_url must be an absolute http(s) URL, e.g. https://hooks.example.com/synaptiq.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalid(targetUrl, `target_url must use https (or http), not "${url.protocol.replace(/:$/, '')}".`);
  }
  if (url.username !== '' || url.password !== '') {
    throw invalid(targetUrl, 'target_url must not carry credentials: the deliveries are signed, check the webhook-signature header instead.');
  }
  if (policy.allowPrivateTargets) return url.href;

  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) !== 0 ? [host] : await resolve(targetUrl, host, policy.lookup);
  const refused = addresses.filter(isPrivateAddress);
  if (refused.length > 0) {
    throw invalid(
      targetUrl,
      `target_url points to a private, loopback, link-local or metadata address (${refused.join(', ')}): use a public address, or set HOOKS_ALLOW_PRIVATE_TARGETS=true on a relay that must deliver inside its network.`,
    );
  }
  return url.href;
}

async function resolve(targetUrl: string, host: string, lookup: HostLookup): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = (await lookup(host)).map((entry) => entry.address);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) throw invalid(targetUrl, `The host "${host}" of target_url does not resolve: check its spelling and DNS.`);
  return addresses;
}
