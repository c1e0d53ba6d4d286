import assert from 'node:assert/strict';
import { customFieldRequest } from '../../../../shared/src/adapters/salesforce/custom-field';

describe('customFieldRequest', () => {
  it('makes a unique definition an External ID, Unique, case-insensitive text field', () => {
    const request = customFieldRequest('Account', { name: 'Synaptiq_Key__c', label: 'Synaptiq Key', type: 'string', unique: true });
    assert.deepEqual(request.body, {
      FullName: 'Account.Synaptiq_Key__c',
      Metadata: { label: 'Synaptiq Key', type: 'Text', length: 255, externalId: true, unique: true, caseSensitive: false },
    });
  });

  it('puts Task and Event fields on Activity and appends __c to the name', () => {
    const request = customFieldRequest('Task', { name: 'Synaptiq_Key', label: 'Synaptiq Key', type: 'string' });
    assert.equal(request.body.FullName, 'Activity.Synaptiq_Key__c');
    assert.deepEqual(request.property, { name: 'Synaptiq_Key__c', label: 'Synaptiq Key', type: 'string', custom: true });
  });

  it('creates numbers with decimals and checkboxes unchecked by default', () => {
    assert.deepEqual(customFieldRequest('Lead', { name: 'Lead_Score__c', label: 'Lead Score', type: 'number', description: '0–100' }).body.Metadata, {
      label: 'Lead Score', type: 'Number', precision: 18, scale: 2, description: '0–100',
    });
    assert.deepEqual(customFieldRequest('Lead', { name: 'Hot__c', label: 'Hot', type: 'bool', unique: true }).body.Metadata, {
      label: 'Hot', type: 'Checkbox', defaultValue: 'false',
    });
  });
});
