import { useMemo, useState } from 'preact/hooks';
import { z } from 'zod';
import { crmFieldNameSchema, fieldMappingSchema, synaptiqFields } from '@synaptiq/shared/schemas/settings';
import type { FieldMapping, MappedObject, WorkspaceSettings } from '@synaptiq/shared/schemas/settings';
import { effectiveMapping } from '@synaptiq/shared/mapping/default-mappings';
import type { EffectiveMapping } from '@synaptiq/shared/mapping/default-mappings';
import { requiredCustomProperties } from '@synaptiq/shared/mapping/custom-properties';
import { dataOf, propertySchema } from '../../../src/routes/responses';
import { api, ApiError } from '../api';
import { validate } from '../forms';
import { loadSettings, patchSettings } from '../settings';
import { ErrorNotice, Link, Loading, Notice, Page, useAction, useLoad } from '../ui';

type Property = z.infer<typeof propertySchema>;
type Properties = Record<MappedObject, Property[]>;
const objects: MappedObject[] = ['contact', 'company', 'deal'];
const objectLabels: Record<MappedObject, string> = { contact: 'Contact', company: 'Company / Account', deal: 'Deal / Opportunity' };
const providerLabels = { hubspot: 'HubSpot', salesforce: 'Salesforce' } as const;
const other = '__other__';
const none = '';

const serverErrorSchema = z.object({
  errors: z.array(z.object({ object: z.string().optional(), synaptiq_field: z.string().optional(), crm_field: z.string().optional(), message: z.string() })).default([]),
  missing_custom_properties: z.array(z.object({ object: z.string(), name: z.string(), label: z.string(), type: z.string() })).default([]),
});

const loadProperties = async (): Promise<Properties> => {
  const lists = await Promise.all(objects.map(async (object) => [object, (await api.get(`/v1/crm/properties?object=${object}`, dataOf(propertySchema))).data] as const));
  return Object.fromEntries(lists) as Properties;
};

/** /admin/settings > CRM > Field Mapping: Synaptiq fields on the left, the CRM's live fields on the right. */
export function FieldMappingPage() {
  const settings = useLoad(loadSettings, []);
  const properties = useLoad(loadProperties, []);
  if (settings.error || properties.error) return <Page title="Field Mapping"><ErrorNotice error={settings.error ?? properties.error} /></Page>;
  if (!settings.data || !properties.data) return <Page title="Field Mapping"><Loading label="Reading your CRM's fields…" /></Page>;
  return <MappingEditor settings={settings.data} initialProperties={properties.data} />;
}

function MappingEditor(props: { settings: WorkspaceSettings; initialProperties: Properties }) {
  const crmName = providerLabels[props.settings.crm];
  const [mapping, setMapping] = useState<EffectiveMapping>(() => effectiveMapping(props.settings));
  const [typing, setTyping] = useState<Record<string, boolean>>({});
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [properties, setProperties] = useState(props.initialProperties);

  const save = useAction(async (createMissingProperties: boolean) => {
    const checked = validate(fieldMappingSchema, mapping);
    if (!checked.ok) {
      setClientErrors(checked.errors);
      throw new ApiError(422, 'request.invalid', 'Some CRM field names are not valid: fix the fields marked below, then save again.');
    }
    setClientErrors({});
    setSaved(null);
    const next = await patchSettings({ field_mapping: checked.data as FieldMapping }, { createMissingProperties });
    setMapping(effectiveMapping(next));
    setTyping({});
    // The flags are read against the CRM's fields: show the success only with the list that has the new ones.
    if (createMissingProperties) setProperties(await loadProperties());
    setSaved(createMissingProperties ? `The missing custom properties were created in ${crmName} and the mapping is saved.` : 'The field mapping is saved.');
  });

  const serverDetails = save.error instanceof ApiError && save.error.code === 'crm.invalid_property' ? serverErrorSchema.safeParse(save.error.details) : null;
  const serverErrors = serverDetails?.success ? serverDetails.data : { errors: [], missing_custom_properties: [] };
  // What "Create in CRM" can make: Synaptiq's own custom properties that this mapping writes.
  const creatable = useMemo(() => {
    const draft = { ...props.settings, field_mapping: mapping };
    return new Set(requiredCustomProperties(props.settings.crm, draft).map((p) => `${p.objectType}.${p.name}`));
  }, [mapping, props.settings]);

  const rowProblem = (object: MappedObject, field: string, crmField: string | null): { message: string; canCreate: boolean } | null => {
    const key = `${object}.${field}`;
    if (clientErrors[key]) return { message: clientErrors[key] as string, canCreate: false };
    const fromServer = serverErrors.errors.find((error) => error.object === object && error.synaptiq_field === field);
    if (!crmField) return null;
    const exists = properties[object].some((property) => property.name === crmField);
    const canCreate = creatable.has(`${object}.${crmField}`);
    // The relay's message names the field and the cause; the fix is this page's own buttons.
    if (fromServer) return { message: `${fromServer.message.split(' Fix:')[0]} ${canCreate ? 'Click Create in CRM, or choose another field.' : 'Choose an existing field, or "Not synced".'}`, canCreate };
    if (exists) return null;
    return {
      message: canCreate
        ? `"${crmField}" is not in ${crmName} yet (or was deleted). Click Create in CRM to add it with the right type, or choose another field.`
        : `"${crmField}" is not a ${object} field in ${crmName} (deleted or renamed?). Choose an existing field from the list, or "Not synced".`,
      canCreate,
    };
  };

  const problems = objects.flatMap((object) =>
    (synaptiqFields[object] as readonly string[]).map((field) => rowProblem(object, field, (mapping[object] as Record<string, string | null>)[field] ?? null)).filter(Boolean),
  );
  const anyCreatable = problems.some((problem) => problem?.canCreate) || serverErrors.missing_custom_properties.length > 0;

  const setField = (object: MappedObject, field: string, value: string | null) => {
    setSaved(null);
    setMapping({ ...mapping, [object]: { ...mapping[object], [field]: value } });
  };

  return (
    <Page
      title="Field Mapping"
      intro={`How Synaptiq data lands in ${crmName}: Synaptiq fields on the left, ${crmName} fields on the right (the list is read live from your CRM, custom fields included).`}
    >
      {problems.length > 0 && (
        <Notice kind="warning" title={`${problems.length} field${problems.length === 1 ? '' : 's'} need${problems.length === 1 ? 's' : ''} attention.`}>
          The sync pauses when it writes to a field {crmName} does not have. Fix the rows marked below{anyCreatable ? ', or click Create in CRM' : ''}.
        </Notice>
      )}
      {serverErrors.errors.length > 0 ? (
        <Notice kind="error" title="Not saved.">
          {serverErrors.errors.length} mapped field{serverErrors.errors.length === 1 ? ' does' : 's do'} not exist in {crmName}: fix the rows marked below
          {serverErrors.missing_custom_properties.length > 0 ? ', or click Create in CRM to add the Synaptiq custom properties' : ''}, then save again.
        </Notice>
      ) : (
        <ErrorNotice error={save.error} title="Not saved." />
      )}
      {saved && <Notice kind="success">{saved}</Notice>}
      {objects.map((object) => (
        <div class="card table-card" key={object}>
          <h2>{objectLabels[object]}</h2>
          <table class="mapping">
            <thead>
              <tr>
                <th scope="col">Synaptiq field</th>
                <th scope="col">{crmName} field</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {(synaptiqFields[object] as readonly string[]).map((field) => {
                const current = (mapping[object] as Record<string, string | null>)[field] ?? null;
                const id = `map-${object}-${field}`;
                const known = properties[object].some((property) => property.name === current);
                const problem = rowProblem(object, field, current);
                return (
                  <tr key={field} class={problem ? 'row-problem' : ''} data-field={`${object}.${field}`}>
                    <th scope="row">
                      <label for={id}>{field}</label>
                    </th>
                    <td>
                      <select
                        id={id}
                        value={typing[id] ? other : (current ?? none)}
                        aria-invalid={problem ? true : undefined}
                        aria-describedby={problem ? `${id}-problem` : undefined}
                        onChange={(event) => {
                          const value = event.currentTarget.value;
                          setTyping({ ...typing, [id]: value === other });
                          if (value !== other) setField(object, field, value === none ? null : value);
                        }}
                      >
                        <option value={none}>Not synced</option>
                        {current && !known && !typing[id] && <option value={current}>{current} (not in {crmName})</option>}
                        {properties[object].map((property) => (
                          <option key={property.name} value={property.name}>
                            {property.label} ({property.name}){property.custom ? ' · custom' : ''}
                          </option>
                        ))}
                        <option value={other}>Other: type the internal name…</option>
                      </select>
                      {typing[id] && (
                        <input
                          class="other-field"
                          aria-label={`${crmName} internal name for ${field}`}
                          placeholder="internal_name"
                          value={current ?? ''}
                          onInput={(event) => setField(object, field, event.currentTarget.value.trim() || null)}
                          onBlur={(event) => {
                            const name = crmFieldNameSchema.safeParse(event.currentTarget.value);
                            setClientErrors({ ...clientErrors, [`${object}.${field}`]: name.success || !event.currentTarget.value ? '' : (name.error.issues[0]?.message ?? '') });
                          }}
                        />
                      )}
                    </td>
                    <td>
                      {problem ? (
                        <div class="problem" id={`${id}-problem`}>
                          <span class="badge badge-failed">Needs a fix</span> {problem.message}
                          {problem.canCreate && (
                            <button type="button" class="small" onClick={() => void save.run(true)} disabled={save.busy}>
                              Create in CRM
                            </button>
                          )}
                        </div>
                      ) : current ? (
                        <span class="badge badge-success">OK</span>
                      ) : (
                        <span class="muted">Not synced</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
      <div class="actions sticky-actions">
        <button type="button" onClick={() => void save.run(false)} disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save mapping'}
        </button>
        {anyCreatable && (
          <button type="button" class="secondary" onClick={() => void save.run(true)} disabled={save.busy}>
            Create missing fields in CRM and save
          </button>
        )}
        <button type="button" class="secondary" onClick={() => setMapping(effectiveMapping({ ...props.settings, field_mapping: { contact: {}, company: {}, deal: {} } }))}>
          Reset to defaults
        </button>
      </div>
      <p class="hint">
        Deal stages come from <Link href="/admin/settings/crm/deal-settings">Deal Settings</Link>. Fields that two-way sync reads back are chosen in{' '}
        <Link href="/admin/settings/crm/sync-direction">Sync Direction</Link>.
      </p>
    </Page>
  );
}
