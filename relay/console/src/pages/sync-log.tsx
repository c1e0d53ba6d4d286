import { crmObjectTypes } from '@synaptiq/shared/schemas/crm';
import { syncLogStatuses } from '@synaptiq/shared/ports/stores';
import { syncLogQuerySchema } from '../../../src/routes/schemas';
import { eventSummarySchema, listOf, syncLogEntrySchema } from '../../../src/routes/responses';
import { api, withQuery } from '../api';
import { fixFor } from '../fixes';
import { Pager, useFilteredList } from '../list-filters';
import { replaceQuery, useLocation } from '../router';
import { described, ErrorNotice, Field, formatTime, Link, Loading, Notice, Page, StatusBadge, useAction, useLoad } from '../ui';

const logPage = listOf(syncLogEntrySchema);
const eventPage = listOf(eventSummarySchema);
const filterNames = ['status', 'record_type', 'lead_id', 'since', 'until'] as const;
type Filters = Record<(typeof filterNames)[number], string>;

/** datetime-local (the browser's local time) → ISO instant; ISO → datetime-local. */
const toIso = (local: string) => (local ? new Date(local).toISOString() : '');
const toLocal = (iso: string) => {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** /admin/settings > CRM > Sync Log: every write with its status and error, filters, paging, CSV, dead letters. */
export function SyncLogPage() {
  const { query } = useLocation();
  const initial = Object.fromEntries(filterNames.map((name) => [name, query.get(name) ?? ''])) as Filters;
  const list = useFilteredList(syncLogQuerySchema, initial, (applied) => replaceQuery(new URLSearchParams(Object.entries(applied).filter(([, value]) => value !== ''))));
  const { draft, set, applied, errors, cursor } = list;
  const log = useLoad(() => api.get(withQuery('/v1/sync-log', { ...applied, limit: 25, cursor }), logPage), [applied, cursor]);
  // Events that need a hand: retrying later (failed) or given up on (dead letters); both can be replayed now.
  const stuck = useLoad(async () => {
    const [failed, dead] = await Promise.all(['failed', 'dead'].map((status) => api.get(`/v1/events?status=${status}&limit=100`, eventPage)));
    return [...(failed?.data ?? []), ...(dead?.data ?? [])];
  }, []);
  const replay = useAction(async (eventId: string) => {
    await api.send('POST', `/v1/events/${encodeURIComponent(eventId)}/replay`, undefined, eventSummarySchema.pick({ id: true, status: true }));
    stuck.reload();
    return eventId;
  });

  const csvHref = `/admin/api${withQuery('/v1/sync-log.csv', applied)}`;

  return (
    <Page title="Sync Log" intro="Every record Synaptiq wrote to your CRM, newest first. Failed entries say what went wrong and what to do.">
      <form class="card filters" noValidate onSubmit={list.apply} aria-label="Filter the sync log">
        <Field id="f-status" label="Status">
          <select id="f-status" value={draft.status} onChange={(event) => set('status', event.currentTarget.value)}>
            <option value="">Any</option>
            {syncLogStatuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-type" label="Record type">
          <select id="f-type" value={draft.record_type} onChange={(event) => set('record_type', event.currentTarget.value)}>
            <option value="">Any</option>
            {crmObjectTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </Field>
        <Field id="f-lead" label="Lead id" error={errors.lead_id}>
          <input id="f-lead" value={draft.lead_id} onInput={(event) => set('lead_id', event.currentTarget.value.trim())} {...described('f-lead', false, errors.lead_id)} />
        </Field>
        <Field id="f-since" label="From" error={errors.since}>
          <input id="f-since" type="datetime-local" value={toLocal(draft.since)} onInput={(event) => set('since', toIso(event.currentTarget.value))} {...described('f-since', false, errors.since)} />
        </Field>
        <Field id="f-until" label="Until" error={errors.until}>
          <input id="f-until" type="datetime-local" value={toLocal(draft.until)} onInput={(event) => set('until', toIso(event.currentTarget.value))} {...described('f-until', false, errors.until)} />
        </Field>
        <div class="actions">
          <button type="submit">Apply filters</button>
          <a class="button secondary" href={csvHref} download>
            Export CSV
          </a>
        </div>
      </form>

      {log.error ? (
        <ErrorNotice error={log.error} />
      ) : !log.data ? (
        <Loading />
      ) : log.data.data.length === 0 ? (
        <Notice kind="info">No entries{Object.values(applied).some(Boolean) ? ' match these filters' : ' yet: send a lead, then press Sync Now in Sync Mode'}.</Notice>
      ) : (
        <div class="card table-card">
          <table class="log" aria-busy={log.loading}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Record</th>
                <th scope="col">Status</th>
                <th scope="col">Details</th>
                <th scope="col">Retries</th>
              </tr>
            </thead>
            <tbody>
              {log.data.data.map((entry) => (
                <tr key={entry.id} class={`log-${entry.status}`}>
                  <td>{formatTime(entry.at)}</td>
                  <td>
                    {entry.record_type} · {entry.action}
                    <div class="muted">
                      {entry.lead_id && <Link href={`/admin/leads/${encodeURIComponent(entry.lead_id)}`}>{entry.lead_id}</Link>}
                      {entry.crm_url && (
                        <>
                          {entry.lead_id && ' · '}
                          <a href={entry.crm_url} target="_blank" rel="noopener noreferrer">
                            open in CRM
                          </a>
                        </>
                      )}
                    </div>
                  </td>
                  <td>
                    <StatusBadge status={entry.status} />
                  </td>
                  <td>
                    {entry.message && entry.message !== entry.error?.message && <div>{entry.message}</div>}
                    {entry.error && (
                      <div class="error-text">
                        <code>{entry.error.code}</code> {entry.error.message}
                        {fixFor(entry.error.code) && !entry.error.message.includes(fixFor(entry.error.code) ?? '') && <div class="fix">What to do: {fixFor(entry.error.code)}</div>}
                      </div>
                    )}
                  </td>
                  <td data-label="Retries">{entry.retry_count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pages={list.pages} nextCursor={log.data.next_cursor} />
        </div>
      )}

      <div class="card">
        <h2>Failed events and dead letters</h2>
        <p>Events whose CRM write failed: retried later by themselves (failed), or given up on after their retries or for an error a retry cannot fix (dead). Fix the cause shown, then replay them.</p>
        <ErrorNotice error={stuck.error ?? replay.error} />
        {replay.data && <Notice kind="success">Event {replay.data} is queued again: it syncs with the next batch, or press Sync Now.</Notice>}
        {stuck.data && stuck.data.length === 0 && <p class="muted">None: every event was synced.</p>}
        {stuck.data && stuck.data.length > 0 && (
          <table class="stuck">
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Error and what to do</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stuck.data.map((event) => (
                <tr key={event.id}>
                  <td>
                    {event.type}
                    <div class="muted">{event.id}</div>
                  </td>
                  <td>
                    <StatusBadge status={event.status} />
                    <div class="muted">
                      {event.attempts} attempt{event.attempts === 1 ? '' : 's'}
                      {event.next_attempt_at ? `, next ${formatTime(event.next_attempt_at)}` : ''}
                    </div>
                  </td>
                  <td>
                    {event.last_error ? event.last_error.message : 'No error recorded.'}
                    {fixFor(event.last_error?.code) && <div class="fix">What to do: {fixFor(event.last_error?.code)}</div>}
                  </td>
                  <td>
                    <button type="button" class="small" onClick={() => void replay.run(event.id)} disabled={replay.busy} aria-label={`Replay ${event.type} ${event.id}`}>
                      Replay
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Page>
  );
}
