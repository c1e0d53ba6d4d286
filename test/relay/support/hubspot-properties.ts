import type { CrmObjectType, CrmProperty } from '@synaptiq/shared';

const standard = (name: string, type: CrmProperty['type'] = 'string', readOnly = false): CrmProperty => ({ name, label: name, type, custom: false, ...(readOnly ? { readOnly } : {}) });

/** The HubSpot standard properties the default mapping and the deal writes use (custom ones are created by the tests). */
export const hubspotStandardProperties = (): Partial<Record<CrmObjectType, CrmProperty[]>> => ({
  contact: ['firstname', 'lastname', 'email', 'company', 'jobtitle'].map((name) => standard(name)).concat(standard('phone', 'phone_number'), standard('hs_object_id', 'number', true)),
  company: [standard('name'), standard('domain'), standard('industry'), standard('numberofemployees', 'number')],
  deal: [standard('dealname'), standard('dealstage', 'enumeration'), standard('amount', 'number'), standard('pipeline', 'enumeration'), standard('hubspot_owner_id', 'enumeration'), standard('closedate', 'date')],
  note: [standard('hs_note_body'), standard('hs_timestamp', 'datetime')],
  meeting: [standard('hs_meeting_title'), standard('hs_meeting_start_time', 'datetime')],
});
