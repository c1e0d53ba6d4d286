import { useEffect, useState } from 'preact/hooks';
import { pullableFields, syncDirectionSchema } from '@synaptiq/shared/schemas/settings';
import type { SyncDirection } from '@synaptiq/shared/schemas/settings';
import { loadSettings } from '../settings';
import { SettingsForm, useSaveSettings } from '../settings-form';
import { described, ErrorNotice, Field, Loading, Page, useLoad } from '../ui';

type PullField = (typeof pullableFields)[number];
const pullLabels: Record<PullField, string> = {
  email: 'Email (a rep corrects it)',
  phone: 'Phone (a rep corrects it)',
  first_name: 'First name',
  last_name: 'Last name',
  title: 'Job title',
  company: 'Company name',
  deal_stage: 'Deal stage (Closed Won / Lost marks the lead won or lost)',
  owner: 'Owner (so the AI can say who the account rep is)',
};

/** /admin/settings > CRM > Sync Direction: one-way, or bidirectional with the fields pulled back. */
export function SyncDirectionPage() {
  const settings = useLoad(loadSettings, []);
  const [direction, setDirection] = useState<SyncDirection['direction']>('one_way');
  const [fields, setFields] = useState<PullField[]>(['phone', 'email', 'deal_stage', 'owner']);
  const [interval, setIntervalText] = useState('5');

  useEffect(() => {
    const current = settings.data?.sync_direction;
    if (!current) return;
    setDirection(current.direction);
    if (current.direction === 'bidirectional') {
      setFields(current.pull_fields);
      setIntervalText(String(current.poll_interval_minutes));
    }
  }, [settings.data]);

  const save = useSaveSettings(syncDirectionSchema, (sync_direction) => ({ sync_direction }));
  const errors = save.errors;
  const candidate = () => (direction === 'bidirectional' ? { direction, pull_fields: fields, poll_interval_minutes: Number(interval) } : { direction });

  if (settings.error) return <Page title="Sync Direction"><ErrorNotice error={settings.error} /></Page>;
  if (!settings.data) return <Page title="Sync Direction"><Loading /></Page>;

  return (
    <Page title="Sync Direction" intro="One-way pushes Synaptiq data to the CRM. Bidirectional also reads changes back from the CRM (it never writes there for this).">
      <SettingsForm save={save} candidate={candidate} savedText="Sync direction saved.">
        <fieldset>
          <legend>Direction</legend>
          <label class="choice">
            <input type="radio" name="direction" checked={direction === 'one_way'} onChange={() => setDirection('one_way')} />
            <span>
              <strong>One-way (default)</strong> <span class="muted">— Synaptiq → CRM only.</span>
            </span>
          </label>
          <label class="choice">
            <input type="radio" name="direction" checked={direction === 'bidirectional'} onChange={() => setDirection('bidirectional')} />
            <span>
              <strong>Bidirectional</strong> <span class="muted">— also pull the fields below back from the CRM.</span>
            </span>
          </label>
        </fieldset>
        {direction === 'bidirectional' && (
          <>
            <fieldset aria-describedby={errors.pull_fields ? 'pull-error' : undefined}>
              <legend>Fields pulled back from the CRM</legend>
              {pullableFields.map((field) => (
                <label class="choice" key={field}>
                  <input
                    type="checkbox"
                    checked={fields.includes(field)}
                    onChange={(event) => setFields(event.currentTarget.checked ? [...fields, field] : fields.filter((f) => f !== field))}
                  />
                  <span>{pullLabels[field]}</span>
                </label>
              ))}
              {errors.pull_fields && (
                <p class="field-error" id="pull-error" role="alert">
                  Choose at least one field to pull back (or switch to one-way).
                </p>
              )}
            </fieldset>
            <Field id="poll" label="Check the CRM every (minutes)" hint="1 to 1440; 5 is the default." error={errors.poll_interval_minutes}>
              <input id="poll" type="number" min={1} max={1440} value={interval} onInput={(event) => setIntervalText(event.currentTarget.value)} {...described('poll', true, errors.poll_interval_minutes)} />
            </Field>
          </>
        )}
      </SettingsForm>
    </Page>
  );
}
