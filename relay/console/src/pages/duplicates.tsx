import { useEffect, useState } from 'preact/hooks';
import { duplicateStrategies, duplicateStrategySchema } from '@synaptiq/shared/schemas/settings';
import type { DuplicateStrategy } from '@synaptiq/shared/schemas/settings';
import { validate } from '../forms';
import { loadSettings, patchSettings } from '../settings';
import { ErrorNotice, Link, Loading, Notice, Page, useAction, useLoad } from '../ui';

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
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (settings.data) setStrategy(settings.data.duplicate_strategy);
  }, [settings.data]);
  const save = useAction(async () => {
    setSaved(false);
    const checked = validate(duplicateStrategySchema, strategy);
    if (!checked.ok) return;
    await patchSettings({ duplicate_strategy: checked.data });
    setSaved(true);
  });

  if (settings.error) return <Page title="Duplicate Handling"><ErrorNotice error={settings.error} /></Page>;
  if (!settings.data) return <Page title="Duplicate Handling"><Loading /></Page>;
  return (
    <Page
      title="Duplicate Handling"
      intro="Before creating a contact, Synaptiq looks for an existing one: by email first, then by phone number, then by a fuzzy match on name and company."
    >
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void save.run();
        }}
      >
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
        <ErrorNotice error={save.error} title="Not saved." />
        {saved && <Notice kind="success">Duplicate handling saved.</Notice>}
        <button type="submit" disabled={save.busy}>
          {save.busy ? 'Saving…' : 'Save'}
        </button>
      </form>
      <p class="hint">
        Possible duplicates waiting for a decision are in the <Link href="/admin/review">Review queue</Link>.
      </p>
    </Page>
  );
}
