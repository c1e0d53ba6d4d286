import { useState } from 'preact/hooks';
import { reviewResolutionSchema } from '../../../src/routes/schemas';
import { leadViewSchema, listOf } from '../../../src/routes/responses';
import { api } from '../api';
import { explainDedup } from '../dedup';
import { validate } from '../forms';
import { ErrorNotice, Link, Loading, Notice, Page, useAction, useLoad } from '../ui';

const reviewPage = listOf(leadViewSchema);
const done = { keep_separate: 'kept as a separate record', merge: 'marked as merged' } as const;

/** Review queue: records created as possible duplicates (Duplicate Handling "Flag for review"), one decision each. */
export function ReviewPage() {
  const queue = useLoad(() => api.get('/v1/review?limit=100', reviewPage), []);
  const [notice, setNotice] = useState<string | null>(null);
  const decide = useAction(async (leadId: string, name: string, resolution: string) => {
    const checked = validate(reviewResolutionSchema, { resolution });
    if (!checked.ok) return;
    await api.send('POST', `/console/review/${encodeURIComponent(leadId)}`, checked.data, leadViewSchema);
    setNotice(`${name} was ${done[checked.data.resolution]}. The decision is in the Sync Log.`);
    queue.reload();
  });

  return (
    <Page title="Review queue" intro="Leads that might be someone already in your CRM. Each was created as its own record and tagged, so nothing was merged by mistake: decide here.">
      {notice && <Notice kind="success">{notice}</Notice>}
      <ErrorNotice error={queue.error ?? decide.error} />
      {!queue.data && !queue.error && <Loading />}
      {queue.data && queue.data.data.length === 0 && (
        <Notice kind="info">
          Nothing to review. Possible duplicates land here when <Link href="/admin/settings/crm/duplicate-handling">Duplicate Handling</Link> is “Flag for review”, or when a match is not certain.
        </Notice>
      )}
      {queue.data?.data.map((lead) => (
        <article class="card" key={lead.id} aria-labelledby={`review-${lead.id}`}>
          <h2 id={`review-${lead.id}`}>
            <Link href={`/admin/leads/${encodeURIComponent(lead.id)}`}>{lead.name}</Link>
            <span class="muted"> {lead.email ?? lead.phone ?? ''}</span>
          </h2>
          <p>{explainDedup(lead.dedup)}</p>
          <p>
            New record:{' '}
            {lead.crm.contact?.url ? (
              <a href={lead.crm.contact.url} target="_blank" rel="noopener noreferrer">
                contact {lead.crm.contact.id}
              </a>
            ) : (
              (lead.crm.contact?.id ?? 'not written yet')
            )}
            {lead.dedup?.matched_record_id && <> · suspected original: contact {lead.dedup.matched_record_id}</>}
          </p>
          <div class="actions">
            <button type="button" onClick={() => void decide.run(lead.id, lead.name, 'keep_separate')} disabled={decide.busy}>
              Keep separate
            </button>
            <button type="button" class="secondary" onClick={() => void decide.run(lead.id, lead.name, 'merge')} disabled={decide.busy}>
              Merge
            </button>
          </div>
          <p class="hint">Merge: first merge the two records with your CRM's merge tool (it keeps their history and associations), then press Merge to record it here.</p>
        </article>
      ))}
    </Page>
  );
}
