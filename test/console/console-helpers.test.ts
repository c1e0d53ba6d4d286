import assert from 'node:assert/strict';
import { syncDirectionSchema, syncModeSchema } from '@synaptiq/shared';
import { apiKeySignInSchema } from '../../relay/src/console/schemas';
import { explainDedup } from '../../relay/console/src/dedup';
import { fixFor } from '../../relay/console/src/fixes';
import { validate } from '../../relay/console/src/forms';

/** The console's pure helpers: form messages from the API's schemas, the fix for each error, the dedup decision in words. */

describe('console form checks', () => {
  const cases: Array<[string, () => ReturnType<typeof validate>, string, string]> = [
    ['a number under the minimum', () => validate(syncModeSchema, { mode: 'batched', interval_minutes: 0 }), 'interval_minutes', 'Use 1 or more.'],
    ['a number over the maximum', () => validate(syncModeSchema, { mode: 'batched', interval_minutes: 5000 }), 'interval_minutes', 'Use 1440 or less.'],
    ['an empty number field', () => validate(syncModeSchema, { mode: 'batched', interval_minutes: Number.NaN }), 'interval_minutes', 'Type a number.'],
    ['an empty choice list', () => validate(syncDirectionSchema, { direction: 'bidirectional', pull_fields: [] }), 'pull_fields', 'Choose at least 1.'],
  ];
  for (const [name, run, field, message] of cases) {
    it(`says what to type for ${name}`, () => {
      const result = run();
      assert.equal(result.ok, false);
      assert.equal(result.ok ? undefined : result.errors[field], message);
    });
  }

  it('keeps a schema\'s own message word for word', () => {
    const result = validate(apiKeySignInSchema, { api_key: 'short' });
    assert.match(result.ok ? '' : (result.errors.api_key ?? ''), /^paste the whole workspace API key/);
  });

  it('answers the parsed data when the value is valid', () => {
    assert.deepEqual(validate(syncModeSchema, { mode: 'batched', interval_minutes: 30 }), { ok: true, data: { mode: 'batched', interval_minutes: 30 } });
  });
});

describe('console error fixes', () => {
  const cases: Array<[string, RegExp | null]> = [
    ['crm.invalid_property', /Field Mapping/],
    ['crm.auth_revoked', /Reconnect/],
    ['crm.transient', /retries this by itself.*Replay/],
    ['lead.missing_required_fields', /sends the lead again/],
    ['request.invalid', null],
    ['no.such_code', null],
  ];
  for (const [code, fix] of cases) {
    it(`gives ${fix ? 'a fix' : 'no fix'} for ${code}`, () => {
      const answer = fixFor(code);
      if (fix === null) assert.equal(answer, null);
      else assert.match(answer ?? '', fix);
    });
  }
});

describe('console dedup explanations', () => {
  it('says a lead not synced yet was not checked', () => {
    assert.match(explainDedup(null), /^Not checked yet/);
  });

  it('names the matched record, the rule and how sure', () => {
    const text = explainDedup({ outcome: 'match', rule: 'email', score: 1, matched_record_id: '12', evidence: ['email equal'] });
    assert.equal(text, 'Matched CRM record 12 by the same email address (100% sure), so the duplicate handling setting decided what happened to it. Evidence: email equal.');
  });

  it('says a possible duplicate was created separately and flagged', () => {
    const text = explainDedup({ outcome: 'review', rule: 'name_company', score: 0.874, matched_record_id: null, evidence: [] });
    assert.equal(text, 'Possibly the same person as an existing CRM record: a similar name at the same company (87% sure), not sure enough to merge. A new record was created and flagged for review.');
  });

  it('says a new record was created when nothing matched', () => {
    assert.match(explainDedup({ outcome: 'no_match', rule: 'none', score: 0, matched_record_id: null, evidence: [] }), /^No existing contact matched/);
  });
});
