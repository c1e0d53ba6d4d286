import type { HubspotObjectType, HubspotOwner, HubspotPipeline, HubspotProperty, PropertyOption } from './types';

/** [name, label, type, fieldType, options?] — HubSpot's standard properties we rely on, not our custom ones. */
type PropertySeed = [string, string, string, string, string[]?];

const option = (value: string, index: number, label?: string): PropertyOption => ({
  value,
  label: label ?? value,
  displayOrder: index,
  hidden: false,
});

const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity', 'customer', 'evangelist', 'other'];
const LEAD_STATUS = ['NEW', 'OPEN', 'IN_PROGRESS', 'OPEN_DEAL', 'UNQUALIFIED', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'BAD_TIMING'];
const INDUSTRY = [
  'ACCOUNTING', 'COMPUTER_SOFTWARE', 'CONSTRUCTION', 'EDUCATION_MANAGEMENT', 'FINANCIAL_SERVICES', 'HOSPITAL_HEALTH_CARE',
  'INFORMATION_TECHNOLOGY_AND_SERVICES', 'INSURANCE', 'MARKETING_AND_ADVERTISING', 'REAL_ESTATE', 'RETAIL', 'STAFFING_AND_RECRUITING',
];
const MEETING_OUTCOME = ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'];

const OWNER: PropertySeed = ['hubspot_owner_id', 'Contact owner', 'enumeration', 'select'];
const OBJECT_ID: PropertySeed = ['hs_object_id', 'Record ID', 'number', 'number'];
const CREATED: PropertySeed = ['createdate', 'Create Date', 'datetime', 'date'];
const HS_CREATED: PropertySeed = ['hs_createdate', 'Create date', 'datetime', 'date'];
const HS_MODIFIED: PropertySeed = ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date'];

const SEEDS: Record<HubspotObjectType, { group: string; props: PropertySeed[] }> = {
  contacts: {
    group: 'contactinformation',
    props: [
      ['firstname', 'First Name', 'string', 'text'],
      ['lastname', 'Last Name', 'string', 'text'],
      ['email', 'Email', 'string', 'text'],
      ['phone', 'Phone Number', 'string', 'phonenumber'],
      ['mobilephone', 'Mobile Phone Number', 'string', 'phonenumber'],
      ['company', 'Company Name', 'string', 'text'],
      ['jobtitle', 'Job Title', 'string', 'text'],
      ['website', 'Website URL', 'string', 'text'],
      ['city', 'City', 'string', 'text'],
      ['state', 'State/Region', 'string', 'text'],
      ['country', 'Country/Region', 'string', 'text'],
      ['message', 'Message', 'string', 'textarea'],
      ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', LIFECYCLE],
      ['hs_lead_status', 'Lead Status', 'enumeration', 'radio', LEAD_STATUS],
      OWNER,
      CREATED,
      ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date'],
      HS_MODIFIED,
      OBJECT_ID,
      ['hs_searchable_calculated_phone_number', 'Calculated Phone Number', 'string', 'calculation_equation'],
    ],
  },
  companies: {
    group: 'companyinformation',
    props: [
      ['name', 'Company name', 'string', 'text'],
      ['domain', 'Company Domain Name', 'string', 'text'],
      ['website', 'Website URL', 'string', 'text'],
      ['phone', 'Phone Number', 'string', 'phonenumber'],
      ['industry', 'Industry', 'enumeration', 'select', INDUSTRY],
      ['numberofemployees', 'Number of Employees', 'number', 'number'],
      ['annualrevenue', 'Annual Revenue', 'number', 'number'],
      ['city', 'City', 'string', 'text'],
      ['state', 'State/Region', 'string', 'text'],
      ['country', 'Country/Region', 'string', 'text'],
      ['description', 'Description', 'string', 'textarea'],
      ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', LIFECYCLE],
      ['hubspot_owner_id', 'Company owner', 'enumeration', 'select'],
      CREATED,
      HS_MODIFIED,
      OBJECT_ID,
    ],
  },
  deals: {
    group: 'dealinformation',
    props: [
      ['dealname', 'Deal Name', 'string', 'text'],
      ['dealstage', 'Deal Stage', 'enumeration', 'radio'],
      ['pipeline', 'Pipeline', 'enumeration', 'select'],
      ['amount', 'Amount', 'number', 'number'],
      ['closedate', 'Close Date', 'datetime', 'date'],
      ['dealtype', 'Deal Type', 'enumeration', 'radio', ['newbusiness', 'existingbusiness']],
      ['description', 'Deal Description', 'string', 'textarea'],
      ['hubspot_owner_id', 'Deal owner', 'enumeration', 'select'],
      CREATED,
      HS_MODIFIED,
      OBJECT_ID,
    ],
  },
  notes: {
    group: 'engagement',
    props: [
      ['hs_note_body', 'Note body', 'string', 'html'],
      ['hs_timestamp', 'Activity date', 'datetime', 'date'],
      ['hs_attachment_ids', 'Attached file IDs', 'enumeration', 'checkbox'],
      ['hubspot_owner_id', 'Activity assigned to', 'enumeration', 'select'],
      HS_CREATED,
      HS_MODIFIED,
      OBJECT_ID,
    ],
  },
  meetings: {
    group: 'engagement',
    props: [
      ['hs_meeting_title', 'Meeting name', 'string', 'text'],
      ['hs_meeting_body', 'Meeting description', 'string', 'html'],
      ['hs_internal_meeting_notes', 'Internal notes', 'string', 'html'],
      ['hs_meeting_start_time', 'Start Time', 'datetime', 'date'],
      ['hs_meeting_end_time', 'End Time', 'datetime', 'date'],
      ['hs_meeting_location', 'Location', 'string', 'text'],
      ['hs_meeting_external_url', 'External URL', 'string', 'text'],
      ['hs_meeting_outcome', 'Meeting outcome', 'enumeration', 'select', MEETING_OUTCOME],
      ['hs_timestamp', 'Activity date', 'datetime', 'date'],
      ['hubspot_owner_id', 'Activity assigned to', 'enumeration', 'select'],
      HS_CREATED,
      HS_MODIFIED,
      OBJECT_ID,
    ],
  },
};

/** Properties HubSpot computes; writes to them are ignored. */
export const READ_ONLY_PROPERTIES = new Set([
  'hs_object_id',
  'lastmodifieddate',
  'hs_lastmodifieddate',
  'hs_createdate',
  'hs_searchable_calculated_phone_number',
]);

export function seedProperties(type: HubspotObjectType, now: number): HubspotProperty[] {
  const seed = SEEDS[type];
  return seed.props.map(([name, label, propType, fieldType, options], index) => ({
    name,
    label,
    type: propType,
    fieldType,
    groupName: seed.group,
    description: '',
    options: (options ?? []).map((value, i) => option(value, i)),
    hasUniqueValue: false,
    calculated: name === 'hs_searchable_calculated_phone_number',
    hubspotDefined: true,
    readOnlyValue: READ_ONLY_PROPERTIES.has(name),
    displayOrder: index,
    createdAt: now,
    updatedAt: now,
  }));
}

/**
 * HubSpot's default "Sales Pipeline" with its real stage ids, plus the custom "Qualified Lead" stage our
 * documented default settings point at, and a second pipeline so label resolution has something to choose from.
 */
export function seedPipelines(): HubspotPipeline[] {
  const sales: [string, string, string, boolean][] = [
    ['appointmentscheduled', 'Appointment Scheduled', '0.2', false],
    ['1129874563', 'Qualified Lead', '0.3', false],
    ['qualifiedtobuy', 'Qualified To Buy', '0.4', false],
    ['presentationscheduled', 'Presentation Scheduled', '0.6', false],
    ['decisionmakerboughtin', 'Decision Maker Bought-In', '0.8', false],
    ['contractsent', 'Contract Sent', '0.9', false],
    ['closedwon', 'Closed Won', '1.0', true],
    ['closedlost', 'Closed Lost', '0.0', true],
  ];
  const partner: [string, string, string, boolean][] = [
    ['1129874570', 'New Partner Lead', '0.1', false],
    ['1129874571', 'Partner Qualified', '0.5', false],
    ['1129874572', 'Closed Won', '1.0', true],
    ['1129874573', 'Closed Lost', '0.0', true],
  ];
  const toStages = (rows: [string, string, string, boolean][]) =>
    rows.map(([id, label, probability, isClosed], displayOrder) => ({ id, label, probability, isClosed, displayOrder }));
  return [
    { id: 'default', label: 'Sales Pipeline', displayOrder: 0, stages: toStages(sales) },
    { id: '705209413', label: 'Partner Pipeline', displayOrder: 1, stages: toStages(partner) },
  ];
}

export function seedOwners(): HubspotOwner[] {
  const sales = { id: '4412876', name: 'Sales', primary: true };
  const person = (id: string, firstName: string, lastName: string, userId: number, archived = false): HubspotOwner => ({
    id,
    email: `${firstName}.${lastName}@acme-sandbox.example`.toLowerCase(),
    firstName,
    lastName,
    userId,
    type: 'PERSON',
    archived,
    teams: [sales],
  });
  return [
    person('81234501', 'Sarah', 'Chen', 5110001),
    person('81234502', 'Marcus', 'Johnson', 5110002),
    person('81234503', 'Priya', 'Patel', 5110003),
    person('81234504', 'Diego', 'Alvarez', 5110004),
    person('81234505', 'Tom', 'Baker', 5110005, true),
    { id: '81234506', email: '', firstName: 'Inbound', lastName: 'Queue', userId: null, type: 'QUEUE', archived: false, teams: [] },
  ];
}
