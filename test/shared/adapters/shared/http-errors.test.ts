import assert from 'node:assert/strict';
import { codeForStatus, crmError, headerValue, parseRetryAfterMs } from '../../../../shared/src/adapters/shared/http-errors';

describe('codeForStatus', () => {
  const table: Array<[number, string]> = [
    [400, 'crm.validation'],
    [401, 'crm.auth_expired'],
    [403, 'crm.auth_revoked'],
    [404, 'crm.not_found'],
    [409, 'crm.conflict'],
    [422, 'crm.validation'],
    [423, 'crm.locked'],
    [429, 'crm.rate_limited'],
    [500, 'crm.transient'],
    [503, 'crm.transient'],
    [0, 'crm.transient'],
  ];
  for (const [status, code] of table) {
    it(`classifies HTTP ${status} as ${code}`, () => assert.equal(codeForStatus(status), code));
  }
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-26T09:00:00.000Z');
  it('reads delay-seconds', () => assert.equal(parseRetryAfterMs('3', now), 3000));
  it('reads fractional seconds', () => assert.equal(parseRetryAfterMs('1.5', now), 1500));
  it('reads an HTTP date', () => assert.equal(parseRetryAfterMs('Thu, 26 Nov 2026 09:00:05 GMT', now), 5000));
  it('ignores garbage', () => assert.equal(parseRetryAfterMs('soon', now), undefined));
  it('ignores a missing header', () => assert.equal(parseRetryAfterMs(undefined, now), undefined));
});

describe('headerValue', () => {
  it('reads fetch Headers case-insensitively', () => {
    assert.equal(headerValue(new Headers({ 'Retry-After': '2' }), 'retry-after'), '2');
  });
  it('reads a plain object case-insensitively', () => {
    assert.equal(headerValue({ 'x-hubspot-ratelimit-remaining': '4' }, 'X-HubSpot-RateLimit-Remaining'), '4');
  });
});

describe('crmError', () => {
  it('appends the user-facing fix to the CRM message', () => {
    const error = crmError('crm.auth_expired', 'Token expired.');
    assert.match(error.message, /^Token expired\. The CRM session expired/);
    assert.equal(error.code, 'crm.auth_expired');
  });
});
