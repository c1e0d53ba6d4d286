import { useEffect, useState } from 'preact/hooks';
import { syncModeSchema } from '@synaptiq/shared/schemas/settings';
import type { SyncMode } from '@synaptiq/shared/schemas/settings';
import { eventSummarySchema, listOf, syncNowSchema } from '../../../src/routes/responses';
import { api } from '../api';
import { loadSettings } from '../settings';
import { SettingsForm, useSaveSettings } from '../settings-form';
import { described, ErrorNotice, Field, Link, Loading, Notice, Page, StatusBadge, useAction, useLoad } from '../ui';

const modes: Array<{ mode: SyncMode['mode']; label: string; explain: string }> = [
  { mode: 'realtime', label: 'Real-time (default)', explain: 'Records are created or updated within seconds of each event.' },
  { mode: 'batched', label: 'Batched', explain: 'Records queue up and sync every few minutes: fewer, larger updates; useful when the CRM rate-limits you.' },
  { mode: 'manual', label: 'Manual', explain: 'Nothing syncs until you press Sync Now: useful while testing, or to review data before it enters your CRM.' },
];

const waiting = listOf(eventSummarySchema);
const countWaiting = async () => (await api.get('/v1/events?status=pending&limit=100', waiting)).data.length;

/** /admin/settings > CRM > Sync Mode, and Sync Now with its progress and result. */
export function SyncModePage() {
  const settings = useLoad(loadSettings, []);
  const [mode, setMode] = useState<SyncMode['mode']>('realtime');
  const [interval, setIntervalText] = useState('15');
  const [pending, setPending] = useState<number | null>(null);

  useEffect(() => {
    const current = settings.data?.sync_mode;
    if (!current) return;
    setMode(current.mode);
    if (current.mode === 'batched') setIntervalText(String(current.interval_minutes));
  }, [settings.data]);

  const save = useSaveSettings(syncModeSchema, (sync_mode) => ({ sync_mode }));
  const candidate = () => (mode === 'batched' ? { mode, interval_minutes: Number(interval) } : { mode });

  const syncNow = useAction(async () => {
    // The relay drains the queue in one call; meanwhile the page shows how many events are still waiting.
    const poll = setInterval(() => void countWaiting().then(setPending, () => undefined), 1000);
    try {
      setPending(await countWaiting().catch(() => null));
      return await api.send('POST', '/v1/sync', undefined, syncNowSchema);
    } finally {
      clearInterval(poll);
      setPending(null);
    }
  });

  if (settings.error) return <Page title="Sync Mode"><ErrorNotice error={settings.error} /></Page>;
  if (!settings.data) return <Page title="Sync Mode"><Loading /></Page>;
  const intervalError = save.errors.interval_minutes;
  const result = syncNow.data;

  return (
    <Page title="Sync Mode" intro="When Synaptiq writes to your CRM.">
      <SettingsForm save={save} candidate={candidate} savedText="Sync mode saved.">
        <fieldset>
          <legend>Sync mode</legend>
          {modes.map((option) => (
            <label class="choice" key={option.mode}>
              <input type="radio" name="mode" value={option.mode} checked={mode === option.mode} onChange={() => setMode(option.mode)} />
              <span>
                <strong>{option.label}</strong>
                <span class="muted"> — {option.explain}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {mode === 'batched' && (
          <Field id="interval" label="Sync every (minutes)" hint="1 to 1440 minutes; 15 is the default." error={intervalError}>
            <input id="interval" type="number" inputMode="numeric" min={1} max={1440} value={interval} onInput={(event) => setIntervalText(event.currentTarget.value)} {...described('interval', true, intervalError)} />
          </Field>
        )}
      </SettingsForm>

      <div class="card">
        <h2>Sync Now</h2>
        <p>Pushes every pending record to the CRM now, whatever the mode (also resumes a paused sync).</p>
        <button type="button" onClick={() => void syncNow.run()} disabled={syncNow.busy}>
          {syncNow.busy ? 'Syncing…' : 'Sync Now'}
        </button>
        {syncNow.busy && (
          <div class="progress" role="status" aria-live="polite">
            <progress aria-label="Sync progress" />
            <span>{pending === null ? 'Pushing records…' : `Pushing records… ${pending} event${pending === 1 ? '' : 's'} waiting.`}</span>
          </div>
        )}
        <ErrorNotice error={syncNow.error} title="Sync Now failed." />
        {result && (
          <div role="status" data-testid="sync-result">
            <Notice kind={result.failed > 0 ? 'warning' : 'success'} title="Sync finished.">
              {result.pushed} pushed, {result.skipped} skipped, {result.failed} failed, {result.remaining} still waiting.
              {result.failed > 0 && ' See the Sync Log for what failed and what to do.'}
              {result.remaining > 0 && ' Waiting events retry on their own; press Sync Now again to push them now.'}
            </Notice>
            {result.results.length > 0 && (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Lead</th>
                    <th scope="col">Result</th>
                  </tr>
                </thead>
                <tbody>
                  {result.results.map((row) => (
                    <tr key={row.event_id}>
                      <td>{row.event_id}</td>
                      <td>
                        <Link href={`/admin/leads/${encodeURIComponent(row.lead_id)}`}>{row.lead_id}</Link>
                      </td>
                      <td>
                        <StatusBadge status={row.status} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <p>
              <Link href="/admin/settings/crm/sync-log">Open the Sync Log</Link>
            </p>
          </div>
        )}
      </div>
    </Page>
  );
}
