import assert from 'node:assert/strict';
import { SyncError } from '@synaptiq/shared';
import { checkTargetUrl, isPrivateAddress } from '../../../relay/src/services/hooks';
import type { HostLookup } from '../../../relay/src/services/hooks';

/** DNS as a table: each host's addresses. */
const dns: Record<string, string[]> = {
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
  'intranet.example.com': ['10.1.2.3'],
  'split.example.com': ['93.184.216.34', '192.168.1.10'],
  'metadata.example.com': ['169.254.169.254'],
  'v6-loopback.example.com': ['::1'],
};
const lookup: HostLookup = async (host) => {
  const addresses = dns[host];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};
const strict = { allowPrivateTargets: false, lookup };

describe('hook target URL check', () => {
  const accepted = ['https://hooks.example.com/synaptiq', 'http://hooks.example.com:8080/x?y=1', 'https://93.184.216.34/hook', 'https://[2606:2800:220:1:248:1893:25c8:1946]/hook'];
  for (const url of accepted) {
    it(`accepts the public target ${url}`, async () => {
      assert.equal(await checkTargetUrl(url, strict), new URL(url).href);
    });
  }

  const refused: Array<{ url: string; why: RegExp }> = [
    { url: 'ftp://hooks.example.com/x', why: /https/ },
    { url: 'file:///etc/passwd', why: /https/ },
    { url: 'javascript:alert(1)', why: /https/ },
    { url: 'not a url', why: /absolute/ },
    { url: 'https://user:pass@hooks.example.com/', why: /credentials/ },
    { url: 'http://127.0.0.1:3000/v1/settings', why: /127\.0\.0\.1/ },
    { url: 'http://localhost/hook', why: /does not resolve|private/ },
    { url: 'http://10.0.0.8/hook', why: /private/ },
    { url: 'http://172.16.5.4/hook', why: /private/ },
    { url: 'http://192.168.0.1/hook', why: /private/ },
    { url: 'http://100.64.0.1/hook', why: /private/ },
    { url: 'http://169.254.169.254/latest/meta-data/', why: /metadata/ },
    { url: 'http://0.0.0.0/hook', why: /private/ },
    { url: 'http://2130706433/hook', why: /127\.0\.0\.1/ },
    { url: 'http://[::1]/hook', why: /::1/ },
    { url: 'http://[::ffff:127.0.0.1]/hook', why: /private/ },
    { url: 'http://[::ffff:a9fe:a9fe]/hook', why: /private/ },
    { url: 'http://[fe80::1]/hook', why: /fe80::1/ },
    { url: 'http://[fd00:ec2::254]/hook', why: /fd00:ec2::254/ },
    { url: 'http://[fc00::1]/hook', why: /private/ },
    { url: 'https://intranet.example.com/hook', why: /10\.1\.2\.3/ },
    { url: 'https://split.example.com/hook', why: /192\.168\.1\.10/ },
    { url: 'https://metadata.example.com/hook', why: /169\.254\.169\.254/ },
    { url: 'https://v6-loopback.example.com/hook', why: /::1/ },
    { url: 'https://nowhere.example.com/hook', why: /does not resolve/ },
  ];
  for (const { url, why } of refused) {
    it(`refuses ${url}`, async () => {
      await assert.rejects(checkTargetUrl(url, strict), (error: unknown) => error instanceof SyncError && error.code === 'request.invalid' && why.test(error.message));
    });
  }

  it('allows private and loopback targets when the operator set HOOKS_ALLOW_PRIVATE_TARGETS', async () => {
    assert.equal(await checkTargetUrl('http://127.0.0.1:9000/hook', { allowPrivateTargets: true, lookup }), 'http://127.0.0.1:9000/hook');
  });

  it('still refuses a bad scheme when private targets are allowed', async () => {
    await assert.rejects(checkTargetUrl('gopher://127.0.0.1/', { allowPrivateTargets: true, lookup }), SyncError);
  });

  const addresses: Array<[string, boolean]> = [
    ['8.8.8.8', false],
    ['127.1.2.3', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['2001:4860:4860::8888', false],
    ['::', true],
    ['ff02::1', true],
    ['fe80::1%eth0', true],
    ['::ffff:8.8.8.8', false],
    ['64:ff9b::7f00:1', true],
  ];
  for (const [address, isPrivate] of addresses) {
    it(`classifies ${address} as ${isPrivate ? 'private' : 'public'}`, () => {
      assert.equal(isPrivateAddress(address), isPrivate);
    });
  }
});
