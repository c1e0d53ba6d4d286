import assert from 'node:assert/strict';
import { fromSalesforceErrors, toSalesforceSyncError } from '../../../../shared/src/adapters/salesforce/salesforce-errors';
import { SyncError, type ErrorCode } from '../../../../shared/src/errors';

describe('salesforce errors', () => {
  const table: Array<[string, string, ErrorCode]> = [
    ['INVALID_FIELD', "No such column 'Foo__c' on entity 'Lead'.", 'crm.invalid_property'],
    ['INVALID_FIELD_FOR_INSERT_UPDATE', 'Unable to create/update fields: Secret__c. Please check the security settings of this field.', 'crm.invalid_property'],
    ['NOT_FOUND', 'Provided external ID field does not exist or is not accessible: Synaptiq_Key__c', 'crm.invalid_property'],
    ['INVALID_SESSION_ID', 'Session expired or invalid', 'crm.auth_expired'],
    ['REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 'crm.daily_quota_exhausted'],
    ['REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.', 'crm.rate_limited'],
    ['REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', 'crm.validation'],
    ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Phone must have 10 digits', 'crm.validation'],
    ['STRING_TOO_LONG', 'Subject: data value too large', 'crm.validation'],
    ['DUPLICATES_DETECTED', 'Use one of these records?', 'crm.duplicate_rule'],
    ['DUPLICATE_EXTERNAL_ID', 'Email: more than one record found for external id field', 'crm.duplicate_rule'],
    ['DUPLICATE_VALUE', 'duplicate value found: Synaptiq_Key__c duplicates value on record with id: 001A', 'crm.conflict'],
    ['NOT_FOUND', 'The requested resource does not exist', 'crm.not_found'],
    ['ENTITY_IS_DELETED', 'entity is deleted', 'crm.not_found'],
    ['UNABLE_TO_LOCK_ROW', 'unable to obtain exclusive access to this record', 'crm.locked'],
    ['SERVER_UNAVAILABLE', 'Server unavailable', 'crm.transient'],
    ['ERROR_HTTP_503', '<html>Maintenance</html>', 'crm.transient'],
    ['SOMETHING_NEW', 'never seen before', 'internal'],
  ];
  for (const [errorCode, message, code] of table) {
    it(`classifies ${errorCode} ("${message.slice(0, 30)}…") as ${code}`, () => {
      assert.equal(fromSalesforceErrors([{ errorCode, message }]).code, code);
    });
  }

  it('names the missing field and the fix for an invalid property', () => {
    const error = fromSalesforceErrors([{ errorCode: 'INVALID_FIELD', message: "No such column 'Foo__c' on entity 'Lead'." }], { sObject: 'Lead' });
    assert.match(error.message, /"Foo__c" on Lead/);
    assert.match(error.message, /Field Mapping/);
    assert.equal(error.details.field, 'Foo__c');
    assert.equal(error.disposition, 'pause');
  });

  it('tells the user to create the key field when it is missing', () => {
    const error = fromSalesforceErrors([{ errorCode: 'NOT_FOUND', message: 'Provided external ID field does not exist or is not accessible: Synaptiq_Key__c' }], { sObject: 'Account' });
    assert.match(error.message, /no Synaptiq_Key__c field on Account\. Create it \(Text, External ID, Unique\)/);
  });

  it('reads per-record collection errors, which use statusCode, and keeps the others in details', () => {
    const error = fromSalesforceErrors([
      { statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Company]', fields: ['Company'] },
      { statusCode: 'STRING_TOO_LONG', message: 'too long' },
    ]);
    assert.equal(error.code, 'crm.validation');
    assert.equal(error.details.field, 'Company');
    assert.deepEqual(error.details.more, [{ code: 'STRING_TOO_LONG', message: 'too long' }]);
  });

  it('says when to come back after the daily allocation runs out', () => {
    const error = fromSalesforceErrors([{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }]);
    assert.equal(error.retryAfterMs, 15 * 60_000);
    assert.equal(error.disposition, 'pause');
  });

  const thrown: Array<[string, unknown, ErrorCode]> = [
    ['a jsforce HttpApiError', Object.assign(new Error('Session expired or invalid'), { name: 'INVALID_SESSION_ID', errorCode: 'INVALID_SESSION_ID' }), 'crm.auth_expired'],
    ['an OAuth invalid_grant', Object.assign(new Error('expired access/refresh token'), { name: 'invalid_grant' }), 'crm.auth_revoked'],
    ['a reset socket', Object.assign(new Error('socket hang up'), { name: 'FetchError', code: 'ECONNRESET' }), 'crm.transient'],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'crm.transient'],
    ['a programming error', new TypeError('x is undefined'), 'internal'],
  ];
  for (const [name, error, code] of thrown) {
    it(`turns ${name} into ${code}`, () => assert.equal(toSalesforceSyncError(error).code, code));
  }

  it('reads every error of a multi-error answer', () => {
    const error = toSalesforceSyncError(
      Object.assign(new Error('Multiple errors returned.'), {
        name: 'MULTIPLE_API_ERRORS',
        errorCode: 'MULTIPLE_API_ERRORS',
        data: [{ errorCode: 'INVALID_FIELD', message: "No such column 'A__c' on entity 'Lead'." }, { errorCode: 'INVALID_FIELD', message: "No such column 'B__c'" }],
      }),
    );
    assert.equal(error.code, 'crm.invalid_property');
    assert.equal(error.details.field, 'A__c');
  });

  it('passes a SyncError through unchanged', () => {
    const original = new SyncError('crm.auth_revoked', 'revoked');
    assert.equal(toSalesforceSyncError(original), original);
  });
});
