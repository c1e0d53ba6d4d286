import { useEffect, useState } from 'preact/hooks';
import { duplicateStrategies, duplicateStrategySchema } from '@synaptiq/shared/schemas/settings';
import type { DuplicateStrategy } from '@synaptiq/shared/schemas/settings';
import { loadSettings } from '../settings';
import { SettingsForm, useSaveSettings } from '../settings-form';
import { ErrorNotice, Link, Loading, Page, useLoad } from '../ui';

const strategies: Record<DuplicateStrategy, { label: string; explain: string }> = {
  update_existing: { label: 'Update existing (default)', explain: 'If a match is found, the existing CRM record is updated with the new data from the conversation.' },
  skip: { label: 'Skip', explain: 'If a match is found, nothing is created or updated: the Synaptiq lead is only linked to the existing record.' },
  always_create: { label: 'Always create', explain: 'A new record is created whatever matches (not recommended: it fills the CRM with duplicates).' },
  flag_for_review: { label: 'Flag for review', explain: 'The record is created but tagged as a possible duplicate, and listed in the Review queue for you to keep separate or merge.' },
};

/** /admin/settings > CRM > Duplicate Handling: the four strategies, each explained. */
export function DuplicatesPage() {
  const settings = useLoad(loadSettings, []);
  const [strategy, setStrategy] = useState<DuplicateStrategy>('update_existing');
  useEffect(() => {
    if (settings.data) setStrategy(settings.data.duplicate_strategy);
  }, [settings.data]);
  const save = useSaveSettings(duplicateStrategySchema, (duplicate_strategy) => ({ duplicate_strategy }));

  if (settings.error) return <Page title="Duplicate Handling"><ErrorNotice error={settings.error} /></Page>;
  if (!settings.data) return <Page title="Duplicate Handling"><Loading /></Page>;
  return (
    <Page
      title="Duplicate Handling"
      intro="Before creating a contact, Synaptiq looks for an existing one: by email first, then by phone number, then by a fuzzy match on name and company."
    >
      <SettingsForm save={save} candidate={() => strategy} savedText="Duplicate handling saved.">
        <fieldset>
          <legend>When a match is found</legend>
          {duplicateStrategies.map((value) => (
            <label class="choice" key={value}>
              <input type="radio" name="strategy" value={value} checked={strategy === value} onChange={() => setStrategy(value)} />
              <span>
                <strong>{strategies[value].label}</strong>
                <span class="muted"> — {strategies[value].explain}</span>
              </span>
            </label>
          ))}
        </fieldset>
      </SettingsForm>
      <p class="hint">
        Possible duplicates waiting for a decision are in the <Link href="/admin/review">Review queue</Link>.
      </p>
    </Page>
  );
}
