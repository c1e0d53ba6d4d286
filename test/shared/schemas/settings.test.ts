import assert from 'node:assert/strict';
import { defaultWorkspaceSettings, workspaceSettingsSchema } from '../../../shared/src/schemas/settings';
import { formatZodIssues } from '../../../shared/src/schemas/issues';

describe('workspaceSettingsSchema', () => {
  it('defaults to the behaviour crm-sync.md describes', () => {
    const settings = defaultWorkspaceSettings();
    assert.equal(settings.crm, 'hubspot');
    assert.deepEqual(settings.sync_mode, { mode: 'realtime' });
    assert.deepEqual(settings.sync_direction, { direction: 'one_way' });
    assert.equal(settings.duplicate_strategy, 'update_existing');
    assert.equal(settings.contact_creation, true);
    assert.deepEqual(settings.required_lead_fields, ['email']);
    assert.deepEqual(settings.field_mapping, { contact: {}, company: {}, deal: {} });
  });

  it('defaults deal creation to the documented block', () => {
    const { deal_creation: deal } = defaultWorkspaceSettings();
    assert.equal(deal.enabled, true);
    assert.equal(deal.pipeline, 'Sales Pipeline');
    assert.equal(deal.initial_stage, 'Qualified Lead');
    assert.equal(deal.default_amount, null);
    assert.equal(deal.owner_assignment, 'round_robin');
  });

  it('fills the documented defaults into a partial deal block', () => {
    const settings = workspaceSettingsSchema.parse({ deal_creation: { enabled: false } });
    assert.equal(settings.deal_creation.enabled, false);
    assert.equal(settings.deal_creation.pipeline, 'Sales Pipeline');
    assert.equal(settings.deal_creation.owner_assignment, 'round_robin');
  });

  it('syncs batched mode every 15 minutes unless told otherwise', () => {
    const settings = workspaceSettingsSchema.parse({ sync_mode: { mode: 'batched' } });
    assert.deepEqual(settings.sync_mode, { mode: 'batched', interval_minutes: 15 });
  });

  it('polls the CRM every 5 minutes in two-way sync', () => {
    const settings = workspaceSettingsSchema.parse({ sync_direction: { direction: 'bidirectional' } });
    assert.equal(settings.sync_direction.direction === 'bidirectional' && settings.sync_direction.poll_interval_minutes, 5);
  });

  it('writes Salesforce people as Leads and opportunities on booked meetings by default', () => {
    assert.deepEqual(defaultWorkspaceSettings().salesforce, { person_object: 'Lead', opportunity_on: 'meeting_booked' });
  });

  it('keeps a null mapping entry as "do not sync"', () => {
    const settings = workspaceSettingsSchema.parse({ field_mapping: { contact: { synaptiq_phone: null } } });
    assert.deepEqual(settings.field_mapping.contact, { synaptiq_phone: null });
    assert.deepEqual(settings.field_mapping.deal, {});
  });

  const rejected: Array<[string, unknown, string]> = [
    ['a fixed owner assignment without an owner', { deal_creation: { owner_assignment: 'fixed' } }, 'deal_creation.fixed_owner_id'],
    ['a CRM field name with spaces', { field_mapping: { contact: { synaptiq_email: 'e mail' } } }, 'field_mapping.contact.synaptiq_email'],
    ['an unknown Synaptiq field', { field_mapping: { company: { synaptiq_revenue: 'annualrevenue' } } }, 'field_mapping.company.synaptiq_revenue'],
    ['a lower-case region', { default_phone_region: 'gb' }, 'default_phone_region'],
    ['an unknown duplicate strategy', { duplicate_strategy: 'merge' }, 'duplicate_strategy'],
  ];
  for (const [what, input, path] of rejected) {
    it(`rejects ${what} at ${path}`, () => {
      const result = workspaceSettingsSchema.safeParse(input);
      assert.equal(result.success, false);
      if (!result.success) assert.ok(formatZodIssues(result.error).some((issue) => issue.path === path), JSON.stringify(result.error.issues));
    });
  }
});
