import type { z } from 'zod';
import { eventSummarySchema, leadViewSchema, listOf } from '../../../src/routes/responses';
import { api } from '../api';
import { explainDedup } from '../dedup';
import { fixFor } from '../fixes';
import { ErrorNotice, formatTime, Link, Loading, Page, StatusBadge, useLoad } from '../ui';

type Linked = z.infer<typeof leadViewSchema>['crm']['contact'];

function CrmRecord(props: { label: string; record: Linked }) {
  if (!props.record) return <span class="muted">{props.label}: none yet</span>;
  return props.record.url ? (
    <a href={props.record.url} target="_blank" rel="noopener noreferrer">
      {props.label} {props.record.id} (open in CRM)
    </a>
  ) : (
    <span>
      {props.label} {props.record.id}
    </span>
  );
}

/** One lead: its data, its CRM records with links, the duplicate decision in words, its events. */
export function LeadPage(props: { id: string }) {
  const lead = useLoad(() => api.get(`/v1/leads/${encodeURIComponent(props.id)}`, leadViewSchema), [props.id]);
  const events = useLoad(() => api.get(`/v1/events?lead_id=${encodeURIComponent(props.id)}&limit=100`, listOf(eventSummarySchema)), [props.id]);
  if (lead.error) return <Page title="Lead"><ErrorNotice error={lead.error} /><Link href="/admin/leads">Back to the leads</Link></Page>;
  if (!lead.data) return <Page title="Lead"><Loading /></Page>;
  const view = lead.data;
  return (
    <Page title={view.name}>
      <p>
        <Link href="/admin/leads">← All leads</Link>
      </p>
      <div class="card">
        <h2>Lead</h2>
        <dl class="facts">
          <dt>Id</dt>
          <dd>{view.id}</dd>
          <dt>Email</dt>
          <dd>{view.email ?? '—'}</dd>
          <dt>Phone</dt>
          <dd>{view.phone ?? '—'}</dd>
          <dt>Title</dt>
          <dd>{view.title ?? '—'}</dd>
          <dt>Company</dt>
          <dd>{view.company ? [view.company.name, view.company.domain, view.company.size, view.company.industry].filter(Boolean).join(' · ') : '—'}</dd>
          <dt>Status</dt>
          <dd>{view.qualification_status ? <StatusBadge status={view.qualification_status} /> : '—'}</dd>
          <dt>Score</dt>
          <dd>{view.score ?? '—'}</dd>
          <dt>Source</dt>
          <dd>{view.source ?? '—'}</dd>
          <dt>Owner in the CRM</dt>
          <dd>{view.owner ? (view.owner.name ?? view.owner.id) : 'not assigned'}</dd>
          <dt>Received / updated</dt>
          <dd>
            {formatTime(view.created_at)} / {formatTime(view.updated_at)}
          </dd>
        </dl>
      </div>
      <div class="card">
        <h2>In {view.crm.provider === 'salesforce' ? 'Salesforce' : 'HubSpot'}</h2>
        <ul>
          <li>
            <CrmRecord label="Contact" record={view.crm.contact} />
          </li>
          <li>
            <CrmRecord label="Company" record={view.crm.company} />
          </li>
          <li>
            <CrmRecord label="Deal" record={view.crm.deal} />
          </li>
        </ul>
      </div>
      <div class="card">
        <h2>Duplicate check</h2>
        <p data-testid="dedup">{explainDedup(view.dedup)}</p>
        {view.review && (
          <p>
            Review: <StatusBadge status={view.review.state} />{' '}
            {view.review.state === 'open' && <Link href="/admin/review">Decide in the Review queue</Link>}
          </p>
        )}
      </div>
      <div class="card">
        <h2>Events</h2>
        <ErrorNotice error={events.error} />
        {events.data && (
          <table>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Last error and what to do</th>
              </tr>
            </thead>
            <tbody>
              {events.data.data.map((event) => (
                <tr key={event.id}>
                  <td>
                    {event.type}
                    <div class="muted">{formatTime(event.received_at)}</div>
                  </td>
                  <td>
                    <StatusBadge status={event.status} />
                  </td>
                  <td>{event.last_error ? `${event.last_error.message} ${fixFor(event.last_error.code) ?? ''}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <Link href={`/admin/settings/crm/sync-log?lead_id=${encodeURIComponent(view.id)}`}>See this lead's CRM writes in the Sync Log</Link>
        </p>
      </div>
    </Page>
  );
}
