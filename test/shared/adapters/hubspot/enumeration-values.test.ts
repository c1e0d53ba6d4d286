import assert from 'node:assert/strict';
import { conformEnumerations, resolveOption } from '../../../../shared/src/adapters/hubspot/enumeration-values';
import type { CrmProperty } from '../../../../shared/src/schemas/crm';

/** Options as real HubSpot labels them (the sandbox labels them with the values). */
const industryOptions = [
  { value: 'COMPUTER_SOFTWARE', label: 'Computer Software' },
  { value: 'INFORMATION_TECHNOLOGY_AND_SERVICES', label: 'Information Technology and Services' },
  { value: 'HOSPITAL_HEALTH_CARE', label: 'Hospital & Health Care' },
  { value: 'RETAIL', label: 'Retail' },
];
const companyProperties: CrmProperty[] = [
  { name: 'name', label: 'Company name', type: 'string', custom: false },
  { name: 'industry', label: 'Industry', type: 'enumeration', custom: false, options: industryOptions },
];

describe('enumeration-values', () => {
  const cases: Array<[string, string | null]> = [
    ['COMPUTER_SOFTWARE', 'COMPUTER_SOFTWARE'],
    ['computer software', 'COMPUTER_SOFTWARE'],
    ['information_technology_and_services', 'INFORMATION_TECHNOLOGY_AND_SERVICES'],
    ['Hospital & Health Care', 'HOSPITAL_HEALTH_CARE'],
    ['Software', 'COMPUTER_SOFTWARE'],
    ['SaaS', 'COMPUTER_SOFTWARE'],
    ['IT', 'INFORMATION_TECHNOLOGY_AND_SERVICES'],
    ['healthcare', 'HOSPITAL_HEALTH_CARE'],
    ['Consulting', null],
    ['Widgets', null],
  ];
  for (const [value, expected] of cases) {
    it(`resolves industry "${value}" to ${expected ?? 'no option'}`, () => assert.equal(resolveOption('industry', value, industryOptions), expected));
  }

  it('writes the option value and keeps the other properties', () => {
    const { writes, warnings } = conformEnumerations('company', [{ key: 'c', properties: { name: 'Acme', industry: 'Software' } }], companyProperties);
    assert.deepEqual(writes[0]?.properties, { name: 'Acme', industry: 'COMPUTER_SOFTWARE' });
    assert.equal(warnings.size, 0);
  });

  it('drops a value that fits no option from that write only, with a warning naming it and the fix', () => {
    const { writes, warnings } = conformEnumerations(
      'company',
      [
        { key: 'a', properties: { name: 'A', industry: 'Retail' } },
        { key: 'b', properties: { name: 'B', industry: 'Widgets' } },
      ],
      companyProperties,
    );
    assert.deepEqual(writes.map((write) => write.properties), [{ name: 'A', industry: 'RETAIL' }, { name: 'B' }]);
    assert.deepEqual([...warnings.keys()], [1]);
    assert.deepEqual(warnings.get(1)?.map((warning) => [warning.property, warning.value]), [['industry', 'Widgets']]);
    assert.match(warnings.get(1)?.[0]?.message ?? '', /"Widgets" is not one of HubSpot's options for Industry \(industry\).*\/admin\/settings > CRM > Field Mapping/);
  });

  it('passes a cleared value and leaves a portal whose industry is free text alone', () => {
    const cleared = conformEnumerations('company', [{ key: 'a', properties: { industry: null } }], companyProperties);
    assert.deepEqual(cleared.writes[0]?.properties, { industry: null });
    const text: CrmProperty[] = [{ name: 'industry', label: 'Industry', type: 'string', custom: true }];
    assert.deepEqual(conformEnumerations('company', [{ key: 'a', properties: { industry: 'Widgets' } }], text).writes[0]?.properties, { industry: 'Widgets' });
  });

  it('checks nothing on objects without checked enumerations', () => {
    const writes = [{ key: 'd', properties: { industry: 'Widgets' } }];
    assert.equal(conformEnumerations('deal', writes, companyProperties).writes, writes);
  });
});
