import type { CrmObjectType, CrmProperty, RecordWrite, WriteWarning } from '../../schemas/crm';

/**
 * HubSpot enumerations accept only their options' values: a free-text "Software" in the company
 * `industry` is a 400 INVALID_OPTION that would fail the whole company. Pure: the options come in.
 * https://developers.hubspot.com/docs/api/crm/properties#enumeration-properties
 */

/**
 * Enumerations we check before writing: ones our mapping fills with free text from conversations.
 * Others (dealstage, pipeline, owner) hold ids the sync resolves itself, and checking them would cost a
 * properties call per object type for nothing.
 */
export const checkedEnumerations: Partial<Record<CrmObjectType, readonly string[]>> = {
  company: ['industry'],
};

/** Lower case, "&" as "and", punctuation and underscores as single spaces: "IT_&_Services" ~ "it and services". */
const simplify = (text: string): string =>
  text
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Common free-text industries → HubSpot industry values. Used only when nothing matches an option's value
 * or label, and only when the portal has that option.
 */
const industrySynonyms: Record<string, string> = {
  software: 'COMPUTER_SOFTWARE',
  saas: 'COMPUTER_SOFTWARE',
  'software development': 'COMPUTER_SOFTWARE',
  it: 'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'it services': 'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'information technology': 'INFORMATION_TECHNOLOGY_AND_SERVICES',
  technology: 'INFORMATION_TECHNOLOGY_AND_SERVICES',
  tech: 'INFORMATION_TECHNOLOGY_AND_SERVICES',
  healthcare: 'HOSPITAL_HEALTH_CARE',
  'health care': 'HOSPITAL_HEALTH_CARE',
  finance: 'FINANCIAL_SERVICES',
  fintech: 'FINANCIAL_SERVICES',
  marketing: 'MARKETING_AND_ADVERTISING',
  advertising: 'MARKETING_AND_ADVERTISING',
  education: 'EDUCATION_MANAGEMENT',
  recruiting: 'STAFFING_AND_RECRUITING',
  staffing: 'STAFFING_AND_RECRUITING',
  consulting: 'MANAGEMENT_CONSULTING',
  legal: 'LEGAL_SERVICES',
};

const synonyms: Record<string, Record<string, string>> = { industry: industrySynonyms };

/** The option value a free-text value stands for, or null when none fits. */
export function resolveOption(property: string, value: string, options: ReadonlyArray<{ value: string; label: string }>): string | null {
  if (options.some((option) => option.value === value)) return value;
  const wanted = simplify(value);
  if (wanted === '') return null;
  const direct = options.find((option) => simplify(option.value) === wanted || simplify(option.label) === wanted);
  if (direct) return direct.value;
  const synonym = synonyms[property]?.[wanted];
  return synonym !== undefined && options.some((option) => option.value === synonym) ? synonym : null;
}

export interface ConformedWrites {
  writes: RecordWrite[];
  /** Per index of `writes`: the values dropped from that write. */
  warnings: Map<number, WriteWarning[]>;
}

/**
 * Replaces checked enumeration values by their option value; drops a value that fits no option from
 * that write (the record is still written) and says so in a warning. Empty values (clearing) pass.
 */
export function conformEnumerations(objectType: CrmObjectType, writes: RecordWrite[], properties: readonly CrmProperty[]): ConformedWrites {
  const checked = (checkedEnumerations[objectType] ?? [])
    .map((name) => properties.find((property) => property.name === name))
    .filter((property): property is CrmProperty & { options: Array<{ value: string; label: string }> } =>
      Boolean(property && property.type === 'enumeration' && property.options && property.options.length > 0),
    );
  const warnings = new Map<number, WriteWarning[]>();
  if (checked.length === 0) return { writes, warnings };
  const conformed = writes.map((write, index) => {
    let properties = write.properties;
    for (const property of checked) {
      const raw = properties[property.name];
      if (raw === undefined || raw === null || raw === '') continue;
      const value = String(raw);
      const option = resolveOption(property.name, value, property.options);
      if (option === value) continue;
      const { [property.name]: _dropped, ...rest } = properties;
      properties = option === null ? rest : { ...rest, [property.name]: option };
      if (option === null) {
        const message =
          `"${value}" is not one of HubSpot's options for ${property.label} (${property.name}), so the ${objectType} was written without it. ` +
          `Map the field to another property at /admin/settings > CRM > Field Mapping, or add the option in HubSpot.`;
        warnings.set(index, [...(warnings.get(index) ?? []), { property: property.name, value, message }]);
      }
    }
    return properties === write.properties ? write : { ...write, properties };
  });
  return { writes: conformed, warnings };
}
