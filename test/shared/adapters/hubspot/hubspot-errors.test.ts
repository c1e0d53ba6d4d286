import assert from 'node:assert/strict';
import { SyncError } from '../../../../shared/src/errors';
import {
  classifyBatchError,
  classifyHubspotError,
  classifyRefreshError,
  HubspotResponseError,
} from '../../../../shared/src/adapters/hubspot/hubspot-errors';

const nowMs = Date.parse('2026-11-26T09:00:00.000Z');
const context = { objectType: 'contacts', nowMs };

/** The shape the SDK throws: ApiException {code, body, headers}. */
const apiException = (code: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  Object.assign(new Error('HTTP-Code'), { code, body, headers });

describe('classifyHubspotError', () => {
  it('names the missing property and the fix for PROPERTY_DOESNT_EXIST', () => {
    const error = classifyHubspotError(
      apiException(400, {
        status: 'error',
        message: 'Property values were not valid',
        category: 'VALIDATION_ERROR',
        errors: [{ message: 'Property "lead_score" does not exist', code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['lead_score'] } }],
      }),
      context,
    );
    assert.equal(error.code, 'crm.invalid_property');
    assert.deepEqual(error.details.properties, ['lead_score']);
    assert.match(error.message, /HubSpot has no property "lead_score" on contacts\. A mapped CRM field was deleted or renamed/);
    assert.equal(error.disposition, 'pause');
  });

  it('reads the property name from the message when the context lacks it', () => {
    const error = classifyHubspotError(
      apiException(400, { message: 'x', errors: [{ message: 'Property "score" does not exist', code: 'PROPERTY_DOESNT_EXIST' }] }),
      context,
    );
    assert.deepEqual(error.details.properties, ['score']);
  });

  describe('a property of ours that is missing or not unique (the relay pauses instead of dead-lettering)', () => {
    const companies = { objectType: 'companies', nowMs };
    const cases: Array<[string, Record<string, unknown>, string[], 'missing' | 'not_unique']> = [
      [
        'PROPERTY_DOESNT_EXIST for the upsert key',
        { message: 'Property values were not valid', category: 'VALIDATION_ERROR', errors: [{ message: 'Property "synaptiq_key" does not exist', code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: ['synaptiq_key'] } }] },
        ['synaptiq_key'],
        'missing',
      ],
      [
        'the property list only inside the message',
        { message: 'Property values were not valid: [{"isValid":false,"message":"Property \\"synaptiq_lead_id\\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"synaptiq_lead_id"}]', category: 'VALIDATION_ERROR' },
        ['synaptiq_lead_id'],
        'missing',
      ],
      [
        'INVALID_ID_PROPERTY (the key exists but is not unique)',
        { message: 'Unable to perform update/upsert by non-unique 0-2 property', category: 'VALIDATION_ERROR', errors: [{ message: 'synaptiq_key is not a unique property', code: 'INVALID_ID_PROPERTY', context: { propertyName: ['synaptiq_key'] } }] },
        ['synaptiq_key'],
        'not_unique',
      ],
      ['a bare non-unique message', { message: 'Unable to perform update/upsert by non-unique 0-2 property', category: 'VALIDATION_ERROR' }, [], 'not_unique'],
    ];
    for (const [shape, body, properties, reason] of cases) {
      it(`classifies ${shape} as crm.invalid_property`, () => {
        const error = classifyHubspotError(apiException(400, { status: 'error', ...body }), companies);
        assert.deepEqual([error.code, error.disposition, error.details.properties, error.details.reason], ['crm.invalid_property', 'pause', properties, reason]);
        assert.match(error.message, /Create in CRM at \/admin\/settings > CRM > Field Mapping \(or call POST \/v1\/crm\/properties\)/);
        for (const name of properties) assert.ok(error.message.includes(`"${name}"`), error.message);
      });
    }

    it('classifies the same shape in a 207 errors[] entry', () => {
      const error = classifyBatchError(
        { status: 'error', category: 'VALIDATION_ERROR', message: 'synaptiq_key is not a unique property', errors: [{ message: 'synaptiq_key is not a unique property', code: 'INVALID_ID_PROPERTY', context: { propertyName: ['synaptiq_key'] } }] },
        companies,
      );
      assert.deepEqual([error.code, error.details.reason], ['crm.invalid_property', 'not_unique']);
    });

    it('tells the user to delete a non-unique key before creating it again', () => {
      const error = classifyHubspotError(apiException(400, { message: 'Unable to perform update/upsert by non-unique 0-2 property' }), companies);
      assert.match(error.message, /does not require unique values.*Delete it in HubSpot/);
    });
  });

  it('treats other 400s as validation errors with HubSpot\'s message', () => {
    const error = classifyHubspotError(apiException(400, { message: 'dealstage is not valid', category: 'VALIDATION_ERROR' }), context);
    assert.equal(error.code, 'crm.validation');
    assert.match(error.message, /^dealstage is not valid\. The CRM rejected a value/);
  });

  it('parses the existing contact id out of a 409', () => {
    const error = classifyHubspotError(apiException(409, { message: 'Contact already exists. Existing ID: 5101', category: 'CONFLICT' }), context);
    assert.equal(error.code, 'crm.conflict');
    assert.equal(error.details.existingId, '5101');
  });

  it('classifies an expired token as auth expired', () => {
    const error = classifyHubspotError(apiException(401, { message: 'The OAuth token used to make this call expired 2 minutes ago.', category: 'EXPIRED_AUTHENTICATION' }), context);
    assert.equal(error.code, 'crm.auth_expired');
    assert.match(error.message, /Reconnect at \/admin\/settings > CRM/);
  });

  it('classifies a revoked token as auth revoked', () => {
    const error = classifyHubspotError(apiException(401, { message: 'This access token has been revoked' }), context);
    assert.equal(error.code, 'crm.auth_revoked');
  });

  it('classifies a missing scope (403) as auth revoked, pausing the workspace', () => {
    const error = classifyHubspotError(apiException(403, { message: 'This app hasn\'t been granted all required scopes', category: 'MISSING_SCOPES' }), context);
    assert.equal(error.code, 'crm.auth_revoked');
    assert.equal(error.disposition, 'pause');
  });

  it('classifies a 404 as not found', () => {
    assert.equal(classifyHubspotError(apiException(404, { message: 'resource not found' }), context).code, 'crm.not_found');
  });

  it('classifies a 423 as locked and keeps Retry-After', () => {
    const error = classifyHubspotError(apiException(423, { message: 'Locked' }, { 'retry-after': '3' }), context);
    assert.equal(error.code, 'crm.locked');
    assert.equal(error.retryAfterMs, 3000);
  });

  it('classifies a 502 as transient', () => {
    const error = classifyHubspotError(apiException(502, { message: 'Bad gateway' }), context);
    assert.equal(error.code, 'crm.transient');
    assert.equal(error.retryable, true);
  });

  describe('429s', () => {
    it('takes Retry-After on a TEN_SECONDLY_ROLLING 429', () => {
      const error = classifyHubspotError(
        apiException(429, { message: 'You have reached your ten_secondly_rolling limit.', policyName: 'TEN_SECONDLY_ROLLING' }, { 'retry-after': '2' }),
        context,
      );
      assert.equal(error.code, 'crm.rate_limited');
      assert.equal(error.retryAfterMs, 2000);
      assert.equal(error.details.policy, 'TEN_SECONDLY_ROLLING');
    });

    it('waits the reported window when a rolling 429 has no Retry-After', () => {
      const error = classifyHubspotError(
        apiException(429, { message: 'You have reached your ten_secondly_rolling limit.' }, { 'x-hubspot-ratelimit-interval-milliseconds': '10000' }),
        context,
      );
      assert.equal(error.retryAfterMs, 10_000);
    });

    it('waits a second after a search 429 ("secondly limit")', () => {
      const error = classifyHubspotError(apiException(429, { message: 'You have reached your secondly limit.' }), context);
      assert.equal(error.retryAfterMs, 1000);
      assert.equal(error.details.policy, 'SECONDLY');
    });

    const daily: Array<[string, ReturnType<typeof apiException>]> = [
      ['policyName DAILY', apiException(429, { message: 'limit', policyName: 'DAILY' })],
      ['a "daily limit" message (the SDK drops policyName)', apiException(429, { message: 'You have reached your daily limit.' })],
      ['a zero daily-remaining header', apiException(429, { message: 'limit' }, { 'x-hubspot-ratelimit-daily-remaining': '0' })],
    ];
    for (const [how, thrown] of daily) {
      it(`tells a DAILY 429 by ${how}: no retry, pause`, () => {
        const error = classifyHubspotError(thrown, context);
        assert.equal(error.code, 'crm.daily_quota_exhausted');
        assert.equal(error.retryable, false);
        assert.equal(error.retryAfterMs, undefined);
      });
    }
  });

  it('classifies a failed fetch as transient', () => {
    const error = classifyHubspotError(new TypeError('fetch failed', { cause: new Error('ECONNRESET') }), context);
    assert.equal(error.code, 'crm.transient');
  });

  it('classifies an answer the SDK cannot parse (a gateway page) as transient', () => {
    assert.equal(classifyHubspotError(new Error('The mediaType text/html is not supported by ObjectSerializer.parse.'), context).code, 'crm.transient');
  });

  it('turns anything else into an internal error', () => {
    assert.equal(classifyHubspotError(new RangeError('bug'), context).code, 'internal');
  });

  it('passes SyncErrors through', () => {
    const original = new SyncError('crm.validation', 'x');
    assert.equal(classifyHubspotError(original, context), original);
  });

  it('classifies raw-request failures the same way', () => {
    const error = classifyHubspotError(new HubspotResponseError(429, { message: 'x', policyName: 'DAILY' }, {}), context);
    assert.equal(error.code, 'crm.daily_quota_exhausted');
  });

  it('never puts the response headers or body in the JSON it returns', () => {
    const error = classifyHubspotError(apiException(401, { message: 'expired' }, { authorization: 'Bearer secret' }), context);
    assert.doesNotMatch(JSON.stringify(error.toJSON()), /secret/);
  });
});

describe('classifyBatchError', () => {
  const table: Array<[string, string]> = [
    ['VALIDATION_ERROR', 'crm.validation'],
    ['OBJECT_NOT_FOUND', 'crm.not_found'],
    ['CONFLICT', 'crm.conflict'],
    ['SOMETHING_NEW', 'crm.validation'],
  ];
  for (const [category, code] of table) {
    it(`maps a ${category} entry to ${code}`, () => {
      assert.equal(classifyBatchError({ status: 'error', category, message: 'm', context: {} }, context).code, code);
    });
  }

  it('finds invalid properties in an entry', () => {
    const error = classifyBatchError(
      { status: 'error', category: 'VALIDATION_ERROR', message: 'm', errors: [{ code: 'PROPERTY_DOESNT_EXIST', message: 'm', context: { propertyName: ['x'] } }] },
      context,
    );
    assert.equal(error.code, 'crm.invalid_property');
  });
});

describe('classifyRefreshError', () => {
  it('turns a refused refresh token into auth revoked', () => {
    const error = classifyRefreshError(apiException(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' }), { nowMs });
    assert.equal(error.code, 'crm.auth_revoked');
  });

  it('keeps a 5xx of the token endpoint transient', () => {
    assert.equal(classifyRefreshError(apiException(503, { message: 'down' }), { nowMs }).code, 'crm.transient');
  });
});
