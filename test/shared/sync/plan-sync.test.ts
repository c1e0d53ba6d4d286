import assert from 'node:assert/strict';
import { eventTypes } from '../../../shared/src/schemas/events';
import type { CrmContact } from '../../../shared/src/schemas/crm';
import type { DedupDecision } from '../../../shared/src/dedupe/types';
import { keys, type SyncOperation } from '../../../shared/src/sync/operations';
import { planSync, keysForEvent } from '../../../shared/src/sync/plan-sync';
import { loadEvent } from '../../fixtures/events/load-event';
import { link, now, planInput, salesforcePipelines, salesforceSettings, settingsWith } from './helpers';

const ADA = 'lead_01HZX3';
const companyKey = keys.company('analytical.example');
const summary = (ops: SyncOperation[]) => ops.map((op) => `${op.objectType}:${op.action}`);
const op = (ops: SyncOperation[], objectType: SyncOperation['objectType']) => ops.find((o) => o.objectType === objectType);

const existing: CrmContact = { id: '901', email: 'ada@analytical.example', firstName: 'Ada', lastName: 'Lovelace', properties: {} };
const decision = (outcome: DedupDecision['outcome'], record: CrmContact = existing): DedupDecision =>
  outcome === 'no_match' ? { outcome, rule: 'none', score: 0, evidence: [] } : { outcome, rule: 'email', score: outcome === 'match' ? 0.99 : 0.5, record, evidence: ['email equal'] };
const otherEmail: CrmContact = { ...existing, id: '902', email: 'a.lovelace@analytical.example' };

describe('planSync', () => {
  describe('every event type', () => {
    const expected: Record<(typeof eventTypes)[number], string[]> = {
      'lead.created': ['company:create', 'contact:upsert'],
      'lead.updated': ['company:create', 'contact:upsert'],
      'lead.qualified': ['company:create', 'contact:upsert', 'deal:create'],
      'lead.disqualified': ['company:create', 'contact:upsert'],
      'conversation.completed': ['company:create', 'contact:upsert', 'deal:create', 'note:create'],
      'meeting.booked': ['company:create', 'contact:upsert', 'deal:create', 'meeting:create'],
      'meeting.rescheduled': ['company:create', 'contact:upsert', 'deal:create', 'meeting:create'],
      'meeting.cancelled': ['company:create', 'contact:upsert', 'deal:create'],
    };
    for (const type of eventTypes) {
      it(`plans ${expected[type].join(', ')} for a first ${type}`, () => {
        const plan = planSync(planInput(loadEvent(type)));
        assert.deepEqual(summary(plan.operations), expected[type]);
        assert.equal(plan.eventId, loadEvent(type).id);
      });
    }

    it('skips the deal of a disqualified lead that never had one, saying why', () => {
      const plan = planSync(planInput(loadEvent('lead.disqualified')));
      assert.match(plan.skipped.find((s) => s.objectType === 'deal')?.reason ?? '', /not qualified yet/);
    });

    it('skips cancelling a meeting that was never written', () => {
      const plan = planSync(planInput(loadEvent('meeting.cancelled')));
      assert.match(plan.skipped.find((s) => s.objectType === 'meeting')?.reason ?? '', /nothing to cancel/);
    });
  });

  describe('contact', () => {
    it('upserts a new contact by its email, with the lead score and lead id', () => {
      const contact = op(planSync(planInput(loadEvent('lead.qualified'))).operations, 'contact');
      assert.deepEqual(contact?.matchBy, { field: 'email', value: 'ada@analytical.example' });
      assert.equal(contact?.key, keys.contact(ADA));
      assert.equal(contact?.properties.synaptiq_lead_score, 87);
      assert.equal(contact?.properties.synaptiq_lead_id, ADA);
      assert.deepEqual(contact?.associateWith, [companyKey]);
    });

    it('writes no contact until the lead gives an email, and nothing at all by default', () => {
      const plan = planSync(planInput(loadEvent('lead.created', { email: null })));
      assert.deepEqual(plan.operations, []);
      assert.equal(plan.skipped[0]?.error?.code, 'lead.missing_required_fields');
      assert.match(plan.skipped[0]?.reason ?? '', /no email/);
    });

    it('treats a malformed email as no email instead of sending the CRM a contact it would reject', () => {
      const plan = planSync(planInput(loadEvent('lead.created', { email: 'ada at analytical' })));
      assert.deepEqual(plan.operations, []);
      assert.equal(plan.skipped[0]?.error?.code, 'lead.missing_required_fields');
    });

    it('writes the company but no contact for a lead without email when email is not required', () => {
      const plan = planSync(planInput(loadEvent('lead.created', { email: null }), { settings: settingsWith({ required_lead_fields: [] }) }));
      assert.deepEqual(summary(plan.operations), ['company:create']);
      assert.match(plan.skipped.find((s) => s.objectType === 'contact')?.reason ?? '', /no email yet/);
    });

    it('requires every configured lead field', () => {
      const plan = planSync(planInput(loadEvent('lead.created'), { settings: settingsWith({ required_lead_fields: ['email', 'phone'] }) }));
      assert.deepEqual(plan.operations, []);
      assert.deepEqual(plan.skipped[0]?.error?.details, { missing: ['phone'] });
    });

    it('updates a linked contact even when this event lacks a required field', () => {
      const links = new Map([link(keys.contact(ADA), 'contact', '77')]);
      const plan = planSync(planInput(loadEvent('lead.updated', { email: null }), { links }));
      assert.deepEqual(op(plan.operations, 'contact'), {
        key: keys.contact(ADA),
        objectType: 'contact',
        action: 'update',
        recordId: '77',
        properties: op(plan.operations, 'contact')?.properties,
        associateWith: [companyKey],
        reason: 'lead.updated: contact details',
      });
      assert.equal(op(plan.operations, 'contact')?.properties.email, undefined);
    });

    it('creates no contact when contact creation is turned off', () => {
      const plan = planSync(planInput(loadEvent('lead.created'), { settings: settingsWith({ contact_creation: false }) }));
      assert.equal(op(plan.operations, 'contact'), undefined);
      assert.match(plan.skipped.find((s) => s.objectType === 'contact')?.reason ?? '', /turned off/);
    });

    it('still updates a matched contact when contact creation is turned off', () => {
      const plan = planSync(planInput(loadEvent('lead.created'), { settings: settingsWith({ contact_creation: false }), decision: decision('match') }));
      assert.equal(op(plan.operations, 'contact')?.action, 'update');
    });

    it('fills the fields Salesforce requires on a new Lead', () => {
      const plan = planSync(planInput(loadEvent('lead.created', { name: 'Cher', company: null }), { settings: salesforceSettings(), crm: { pipelines: salesforcePipelines, owners: [], ownerCursor: 0 } }));
      const contact = op(plan.operations, 'contact');
      assert.equal(contact?.properties.FirstName, 'Cher');
      assert.equal(contact?.properties.LastName, '[not provided]');
      assert.equal(contact?.properties.Company, '[not provided]');
      assert.deepEqual(contact?.associateWith, []);
    });
  });

  describe('duplicate strategies', () => {
    const contactFor = (strategy: string, outcome: DedupDecision['outcome'], record: CrmContact = otherEmail, crm: 'hubspot' | 'salesforce' = 'hubspot') =>
      op(planSync(planInput(loadEvent('lead.updated'), { settings: settingsWith({ crm, duplicate_strategy: strategy as 'skip' }), decision: decision(outcome, record) })).operations, 'contact');

    const table: Array<[string, DedupDecision['outcome'], string, string | undefined, boolean]> = [
      ['update_existing', 'match', 'update', '902', false],
      ['update_existing', 'review', 'create', undefined, true],
      ['update_existing', 'no_match', 'upsert', undefined, false],
      ['skip', 'match', 'link', '902', false],
      ['skip', 'review', 'create', undefined, true],
      ['always_create', 'match', 'create', undefined, false],
      ['always_create', 'review', 'create', undefined, false],
      ['flag_for_review', 'match', 'create', undefined, true],
      ['flag_for_review', 'no_match', 'upsert', undefined, false],
    ];
    for (const [strategy, outcome, action, recordId, flagged] of table) {
      it(`${strategy} with a ${outcome} decision plans a contact ${action}${flagged ? ' flagged for review' : ''}`, () => {
        const contact = contactFor(strategy, outcome);
        assert.equal(contact?.action, action);
        assert.equal(contact?.recordId, recordId);
        assert.equal(Boolean(contact?.review), flagged);
        assert.equal(contact?.properties.synaptiq_review_status, flagged ? 'possible_duplicate' : undefined);
        assert.equal(contact?.properties.synaptiq_duplicate_of, flagged ? '902' : undefined);
      });
    }

    it('link-only (skip) writes nothing to the matched contact and associates nothing with it', () => {
      const contact = contactFor('skip', 'match');
      assert.deepEqual(contact?.properties, {});
      assert.deepEqual(contact?.associateWith, []);
    });

    it('keeps a contact linked under skip untouched on later events', () => {
      const links = new Map([link(keys.contact(ADA), 'contact', '902'), link(keys.contactLinkOnly(ADA), 'contact', '902')]);
      const later = planSync(planInput(loadEvent('lead.qualified'), { settings: settingsWith({ duplicate_strategy: 'skip' }), links }));
      const contact = op(later.operations, 'contact');
      assert.deepEqual([contact?.action, contact?.recordId, contact?.properties], ['link', '902', {}]);
      assert.deepEqual(op(later.operations, 'deal')?.associateWith, [keys.contact(ADA), companyKey], 'the deal still attaches to it');
      const switched = planSync(planInput(loadEvent('lead.qualified'), { settings: settingsWith({ duplicate_strategy: 'update_existing' }), links }));
      assert.equal(op(switched.operations, 'contact')?.action, 'update', 'until the workspace stops skipping');
    });

    it('always_create does not upsert by email, which would merge into the duplicate', () => {
      assert.equal(contactFor('always_create', 'match', otherEmail, 'salesforce')?.matchBy, undefined);
    });

    it('updates the HubSpot contact that has the same email instead of creating one HubSpot would refuse', () => {
      const contact = contactFor('flag_for_review', 'match', existing);
      assert.equal(contact?.action, 'update');
      assert.equal(contact?.recordId, '901');
    });

    it('flags a Salesforce duplicate with the Salesforce custom fields', () => {
      const contact = contactFor('flag_for_review', 'match', existing, 'salesforce');
      assert.equal(contact?.action, 'create');
      assert.equal(contact?.properties.Synaptiq_Review_Status__c, 'possible_duplicate');
      assert.equal(contact?.properties.Synaptiq_Duplicate_Of__c, '901');
    });

    it('treats a match without a record as no match', () => {
      const plan = planSync(planInput(loadEvent('lead.updated'), { decision: { outcome: 'match', rule: 'email', score: 1, evidence: [] } }));
      assert.equal(op(plan.operations, 'contact')?.action, 'upsert');
    });
  });

  describe('company', () => {
    it('keys a company by its domain, also linking its name', () => {
      const company = op(planSync(planInput(loadEvent('lead.updated'))).operations, 'company');
      assert.equal(company?.key, companyKey);
      assert.deepEqual(company?.alsoLinkAs, [keys.company('analytical engines')]);
      assert.equal(company?.properties.numberofemployees, 51);
    });

    it('keys a company without a domain by its normalized name', () => {
      const company = op(planSync(planInput(loadEvent('lead.created'))).operations, 'company');
      assert.equal(company?.key, keys.company('analytical engines'));
    });

    it('updates the company first linked by name when the domain arrives, and links the domain too', () => {
      const links = new Map([link(keys.company('analytical engines'), 'company', '55')]);
      const company = op(planSync(planInput(loadEvent('lead.updated'), { links })).operations, 'company');
      assert.deepEqual([company?.action, company?.recordId, company?.key, company?.alsoLinkAs], ['update', '55', keys.company('analytical engines'), [companyKey]]);
    });

    it('skips the company when the lead has none', () => {
      const plan = planSync(planInput(loadEvent('lead.created', { company: null })));
      assert.deepEqual(summary(plan.operations), ['contact:upsert']);
      assert.deepEqual(op(plan.operations, 'contact')?.associateWith, []);
      assert.match(plan.skipped.find((s) => s.objectType === 'company')?.reason ?? '', /no company/);
    });
  });

  describe('deal', () => {
    it('creates the deal in the configured pipeline and stage, with the estimated value and associations', () => {
      const deal = op(planSync(planInput(loadEvent('lead.qualified'))).operations, 'deal');
      assert.deepEqual(deal?.properties, {
        pipeline: 'default',
        hubspot_owner_id: 'owner-1',
        dealname: 'Analytical Engines Ltd – Ada Lovelace',
        dealstage: 'qualifiedlead',
        amount: 24000,
      });
      assert.deepEqual(deal?.associateWith, [keys.contact(ADA), companyKey]);
      assert.equal(deal?.key, keys.deal(ADA));
    });

    it('falls back to the default amount, and leaves the amount out when there is none', () => {
      const withDefault = settingsWith({ deal_creation: { default_amount: 5000 } });
      const event = loadEvent('lead.qualified', { estimated_value: null });
      assert.equal(op(planSync(planInput(event, { settings: withDefault })).operations, 'deal')?.properties.amount, 5000);
      assert.equal('amount' in (op(planSync(planInput(event)).operations, 'deal')?.properties ?? {}), false);
    });

    const owners: Array<[string, object, number, string | undefined, number]> = [
      ['round robin picks the owner at the cursor and moves it', { owner_assignment: 'round_robin' }, 1, 'owner-2', 2],
      ['round robin wraps around the active owners only', { owner_assignment: 'round_robin' }, 2, 'owner-1', 3],
      ['a fixed owner is always that owner', { owner_assignment: 'fixed', fixed_owner_id: 'owner-9' }, 4, 'owner-9', 4],
      ['no owner assignment leaves the owner out', { owner_assignment: 'none' }, 4, undefined, 4],
    ];
    for (const [what, dealSettings, cursor, owner, nextCursor] of owners) {
      it(`assigns owners: ${what}`, () => {
        const input = planInput(loadEvent('lead.qualified'), { settings: settingsWith({ deal_creation: dealSettings }) });
        const plan = planSync({ ...input, crm: { ...input.crm, ownerCursor: cursor } });
        assert.equal(op(plan.operations, 'deal')?.properties.hubspot_owner_id, owner);
        assert.equal(plan.ownerCursor, nextCursor);
      });
    }

    it('skips the deal, with a fixable error, when the pipeline is not found', () => {
      const plan = planSync(planInput(loadEvent('lead.qualified'), { settings: settingsWith({ deal_creation: { pipeline: 'Renewals' } }) }));
      assert.equal(op(plan.operations, 'deal'), undefined);
      const skipped = plan.skipped.find((s) => s.objectType === 'deal');
      assert.equal(skipped?.error?.code, 'crm.invalid_property');
      assert.match(skipped?.reason ?? '', /Update the pipeline and stage names in deal settings/);
      assert.equal(plan.ownerCursor, 0);
    });

    it('creates no deal when deal creation is turned off', () => {
      const plan = planSync(planInput(loadEvent('lead.qualified'), { settings: settingsWith({ deal_creation: { enabled: false } }) }));
      assert.equal(op(plan.operations, 'deal'), undefined);
      assert.match(plan.skipped.find((s) => s.objectType === 'deal')?.reason ?? '', /turned off/);
    });

    const moves: Array<[string, string]> = [['won', 'closedwon'], ['lost', 'closedlost'], ['disqualified', 'closedlost']];
    for (const [status, stage] of moves) {
      it(`moves a linked deal to ${stage} when the lead is ${status}`, () => {
        const links = new Map([link(keys.deal(ADA), 'deal', '300'), link(keys.contact(ADA), 'contact', '77')]);
        const deal = op(planSync(planInput(loadEvent('lead.updated', { qualification_status: status, estimated_value: null }), { links })).operations, 'deal');
        assert.deepEqual([deal?.action, deal?.recordId, deal?.properties], ['update', '300', { dealstage: stage }]);
      });
    }

    it('never moves a linked deal back to the initial stage on a repeated qualification', () => {
      const links = new Map([link(keys.deal(ADA), 'deal', '300')]);
      const deal = op(planSync(planInput(loadEvent('lead.qualified'), { links })).operations, 'deal');
      assert.deepEqual(deal?.properties, { amount: 24000 });
    });

    it('creates the Salesforce Opportunity when the meeting is booked, with a CloseDate', () => {
      const input = { settings: salesforceSettings(), crm: { pipelines: salesforcePipelines, owners: [], ownerCursor: 0 } };
      assert.equal(op(planSync(planInput(loadEvent('lead.qualified'), input)).operations, 'deal'), undefined);
      const deal = op(planSync(planInput(loadEvent('meeting.booked'), input)).operations, 'deal');
      assert.deepEqual(deal?.properties, { CloseDate: '2026-12-24', Name: 'Analytical Engines Ltd – Ada Lovelace', StageName: 'Qualification', Amount: 24000 });
      assert.equal(now.slice(0, 10), '2026-11-24');
    });

    it('creates the Salesforce Opportunity on qualification when the workspace says so', () => {
      const settings = salesforceSettings({ salesforce: { opportunity_on: 'qualified' } });
      const deal = op(planSync(planInput(loadEvent('lead.qualified'), { settings, crm: { pipelines: salesforcePipelines, owners: [], ownerCursor: 0 } })).operations, 'deal');
      assert.equal(deal?.action, 'create');
    });
  });

  describe('activities', () => {
    it('writes the conversation as a note attached to the contact, company and deal', () => {
      const note = op(planSync(planInput(loadEvent('conversation.completed'))).operations, 'note');
      assert.equal(note?.key, keys.note(ADA, 'conv_9a1'));
      assert.deepEqual(note?.associateWith, [keys.contact(ADA), keys.company('analytical.example'), keys.deal(ADA)]);
      assert.match(String(note?.properties.hs_note_body), /Summary: Evaluating tools/);
    });

    it('updates the linked meeting when it is rescheduled or cancelled', () => {
      const links = new Map([link(keys.meeting(ADA, 'mtg_77c'), 'meeting', '400')]);
      for (const type of ['meeting.rescheduled', 'meeting.cancelled'] as const) {
        const meeting = op(planSync(planInput(loadEvent(type), { links })).operations, 'meeting');
        assert.deepEqual([meeting?.action, meeting?.recordId], ['update', '400']);
      }
    });

    it('attaches nothing when the lead has no contact, company or deal in the CRM', () => {
      const plan = planSync(planInput(loadEvent('conversation.completed', { email: null, company: null }), { settings: settingsWith({ required_lead_fields: [] }) }));
      assert.deepEqual(plan.operations, []);
      assert.match(plan.skipped.find((s) => s.objectType === 'deal')?.reason ?? '', /attach the deal/);
      assert.match(plan.skipped.find((s) => s.objectType === 'note')?.reason ?? '', /attach/);
    });
  });

  describe('idempotency', () => {
    /** Links as if every create of `plan` had succeeded. */
    const linksAfter = (operations: SyncOperation[], only?: (op: SyncOperation) => boolean) =>
      new Map(operations.filter((o) => !only || only(o)).flatMap((o, i) => [o.key, ...(o.alsoLinkAs ?? [])].map((key) => link(key, o.objectType, o.recordId ?? `new-${i}`))));
    const creates = (operations: SyncOperation[]) => operations.filter((o) => o.action === 'create' || o.action === 'upsert').map((o) => o.key);

    for (const type of eventTypes) {
      it(`plans the same ${type} identically twice (same keys, pure)`, () => {
        const input = planInput(loadEvent(type));
        assert.deepEqual(planSync(input), planSync(input));
      });

      it(`never creates a key twice when ${type} is planned again after it ran`, () => {
        const first = planSync(planInput(loadEvent(type)));
        const again = planSync(planInput(loadEvent(type), { links: linksAfter(first.operations), crm: { ...planInput(loadEvent(type)).crm, ownerCursor: first.ownerCursor } }));
        assert.deepEqual(creates(again.operations), []);
        assert.equal(again.ownerCursor, first.ownerCursor, 'no new owner is assigned');
      });
    }

    it('after a crash half-way, re-plans only what was not linked as creates', () => {
      const first = planSync(planInput(loadEvent('meeting.booked')));
      const crashed = linksAfter(first.operations, (o) => o.objectType === 'company' || o.objectType === 'contact');
      const again = planSync(planInput(loadEvent('meeting.booked'), { links: crashed }));
      assert.deepEqual(creates(again.operations), [keys.deal(ADA), keys.meeting(ADA, 'mtg_77c')]);
      assert.deepEqual(summary(again.operations), ['company:update', 'contact:update', 'deal:create', 'meeting:create']);
    });

    it('updates keys an earlier plan of the batch writes, without a record id and without a new owner', () => {
      const pendingKeys = new Set([keys.contact(ADA), keys.deal(ADA), companyKey]);
      const plan = planSync(planInput(loadEvent('lead.qualified'), { pendingKeys }));
      assert.deepEqual(summary(plan.operations), ['company:update', 'contact:update', 'deal:update']);
      assert.ok(plan.operations.every((o) => o.recordId === undefined));
      assert.equal(plan.ownerCursor, 0);
    });

    it('lists every key a plan may read', () => {
      assert.deepEqual(keysForEvent(loadEvent('meeting.booked')), [
        keys.contact(ADA),
        keys.contactLinkOnly(ADA),
        keys.deal(ADA),
        keys.company('analytical.example'),
        keys.company('analytical engines'),
        keys.meeting(ADA, 'mtg_77c'),
      ]);
    });
  });
});
