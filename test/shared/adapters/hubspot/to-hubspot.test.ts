import assert from 'node:assert/strict';
import {
  associationPairs,
  associationTypeId,
  chunk,
  inlineAssociations,
  keyedProperties,
  propertyCreateBody,
  toHubspotProperties,
} from '../../../../shared/src/adapters/hubspot/to-hubspot';
import type { CrmObjectType } from '../../../../shared/src/schemas/crm';

describe('to-hubspot', () => {
  describe('associationTypeId', () => {
    const table: Array<[CrmObjectType, CrmObjectType, number]> = [
      ['contact', 'company', 279],
      ['deal', 'contact', 3],
      ['deal', 'company', 341],
      ['note', 'contact', 202],
      ['note', 'company', 190],
      ['note', 'deal', 214],
      ['meeting', 'contact', 200],
      ['meeting', 'company', 188],
      ['meeting', 'deal', 212],
    ];
    for (const [from, to, id] of table) {
      it(`uses ${id} for ${from} → ${to}`, () => assert.equal(associationTypeId(from, to), id));
    }

    it('refuses a pair HubSpot has no default type for', () => {
      assert.throws(() => associationTypeId('note', 'meeting'), (error: Error & { code?: string }) => error.code === 'crm.validation');
    });
  });

  it('writes every value as a string and null as an empty string (clears it)', () => {
    assert.deepEqual(toHubspotProperties({ a: 'x', b: 3, c: true, d: null }), { a: 'x', b: '3', c: 'true', d: '' });
  });

  it('adds the idempotency key to a keyed write', () => {
    assert.deepEqual(keyedProperties({ key: 'deal:1', properties: { dealname: 'D' } }), { dealname: 'D', synaptiq_key: 'deal:1' });
  });

  it('puts HUBSPOT_DEFINED association types inline', () => {
    assert.deepEqual(inlineAssociations('note', { key: 'n', properties: {}, associations: [{ objectType: 'contact', id: '7' }] }), [
      { to: { id: '7' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
    ]);
  });

  it('groups v4 associations by target type', () => {
    const pairs = associationPairs('deal', [
      { id: '1', write: { key: 'a', properties: {}, associations: [{ objectType: 'contact', id: '10' }, { objectType: 'company', id: '20' }] } },
      { id: '2', write: { key: 'b', properties: {}, associations: [{ objectType: 'contact', id: '11' }] } },
    ]);
    assert.deepEqual([...pairs.keys()], ['contact', 'company']);
    assert.deepEqual(pairs.get('contact')?.map((pair) => [pair.fromId, pair.toId, pair.associationTypeId]), [
      ['1', '10', 3],
      ['2', '11', 3],
    ]);
  });

  it('splits 250 items into batches of 100, 100 and 50', () => {
    assert.deepEqual(chunk(Array.from({ length: 250 }, (_, i) => i), 100).map((part) => part.length), [100, 100, 50]);
  });

  describe('propertyCreateBody', () => {
    it('creates a unique text property in the object\'s default group', () => {
      assert.deepEqual(propertyCreateBody('deal', { name: 'synaptiq_key', label: 'Synaptiq key', type: 'string', unique: true, description: 'd' }), {
        name: 'synaptiq_key',
        label: 'Synaptiq key',
        type: 'string',
        fieldType: 'text',
        groupName: 'dealinformation',
        description: 'd',
        hasUniqueValue: true,
      });
    });

    const kinds: Array<[Parameters<typeof propertyCreateBody>[1]['type'], string, string]> = [
      ['number', 'number', 'number'],
      ['bool', 'bool', 'booleancheckbox'],
      ['date', 'date', 'date'],
      ['datetime', 'datetime', 'date'],
      ['enumeration', 'enumeration', 'select'],
      ['phone_number', 'string', 'text'],
    ];
    for (const [ours, type, fieldType] of kinds) {
      it(`creates a ${ours} property as type ${type}, field ${fieldType}`, () => {
        const body = propertyCreateBody('contact', { name: 'p', label: 'P', type: ours });
        assert.equal(body.type, type);
        assert.equal(body.fieldType, fieldType);
        assert.equal(body.groupName, 'contactinformation');
      });
    }

    it('spells out the options of a checkbox', () => {
      assert.deepEqual(propertyCreateBody('contact', { name: 'p', label: 'P', type: 'bool' }).options?.map((o) => o.value), ['true', 'false']);
    });
  });
});
