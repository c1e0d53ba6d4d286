import assert from 'node:assert/strict';
import { SyncError } from '@synaptiq/shared';
import type { ErrorCode } from '@synaptiq/shared';
import { verdictForError, verdictForOperations } from '../../../relay/src/worker/event-verdict';
import { contactOutcome, leadCreated, storedEvent } from './support/builders';

const event = storedEvent(leadCreated('evt_1', 'lead_1'));
const failure = (code: ErrorCode) => contactOutcome(event, { status: 'failed', error: new SyncError(code, code).toJSON() });

describe('event verdict', () => {
  const byCode: Array<[ErrorCode, string]> = [
    ['crm.transient', 'retry'],
    ['crm.rate_limited', 'retry'],
    ['crm.locked', 'retry'],
    ['crm.conflict', 'retry'],
    ['internal', 'retry'],
    ['crm.validation', 'dead'],
    ['crm.duplicate_rule', 'dead'],
    ['crm.not_found', 'dead'],
    ['crm.invalid_property', 'pause'],
    ['crm.auth_expired', 'pause'],
    ['crm.auth_revoked', 'pause'],
    ['crm.daily_quota_exhausted', 'pause'],
    ['crm.not_configured', 'pause'],
    ['lead.missing_required_fields', 'skipped'],
  ];
  for (const [code, kind] of byCode) {
    it(`turns ${code} into ${kind}`, () => {
      assert.equal(verdictForError(new SyncError(code, code).toJSON()).kind, kind);
    });
  }

  it('retries an unknown error code like an internal error', () => {
    assert.equal(verdictForError({ code: 'crm.something_new' as ErrorCode, message: 'new', details: {} }).kind, 'retry');
  });

  it('lets the most serious failure of an event decide', () => {
    assert.equal(verdictForOperations([failure('crm.transient'), failure('crm.validation')]).kind, 'dead');
    assert.equal(verdictForOperations([failure('crm.validation'), failure('crm.auth_expired')]).kind, 'pause');
  });

  it('calls an event with one write and one skip synced', () => {
    assert.equal(verdictForOperations([contactOutcome(event), contactOutcome(event, { status: 'skipped' })]).kind, 'synced');
  });

  it('pauses on a skip whose cause only the user can fix, even when other writes of the event succeeded', () => {
    const dealSkipped = contactOutcome(event, { key: 'lead:lead_1:deal', objectType: 'deal', status: 'skipped', error: new SyncError('crm.invalid_property', 'Deal stage "Hot" was not found.').toJSON() });
    assert.equal(verdictForOperations([contactOutcome(event), dealSkipped]).kind, 'pause');
  });

  it('still calls an event skipped when its skip is the lead\'s own (missing required fields)', () => {
    const skipped = contactOutcome(event, { status: 'skipped', error: new SyncError('lead.missing_required_fields', 'No email yet.').toJSON() });
    assert.equal(verdictForOperations([skipped]).kind, 'skipped');
  });

  it('calls an event with nothing written skipped', () => {
    assert.equal(verdictForOperations([contactOutcome(event, { status: 'skipped' })]).kind, 'skipped');
    assert.equal(verdictForOperations([]).kind, 'skipped');
  });
});
