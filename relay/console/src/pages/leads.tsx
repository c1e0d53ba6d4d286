import { qualificationStatuses } from '@synaptiq/shared/schemas/events';
import { leadListQuerySchema } from '../../../src/routes/schemas';
import { leadViewSchema, listOf } from '../../../src/routes/responses';
import { api, withQuery } from '../api';
import { Pager, useFilteredList } from '../list-filters';
import { described, ErrorNotice, Field, formatTime, Link, Loading, Notice, Page, StatusBadge, useLoad } from '../ui';

const leadPage = listOf(leadViewSchema);
const empty = { status: '', email: '', phone: '' };

/** Leads: every lead the relay received, with its CRM records and the duplicate decision. */
export function LeadsPage() {
  const list = useFilteredList(leadListQuerySchema, empty);
  const { draft, set, applied, errors, cursor } = list;
  const leads = useLoad(() => api.get(withQuery('/v1/leads', { ...applied, limit: 25, cursor }), leadPage), [applied, cursor]);

  return (
    <Page title="Leads" intro="Every lead Synaptiq sent, newest first, with the CRM records it became.">
      <form class="card filters" noValidate onSubmit={list.apply} aria-label="Find leads">
        <Field id="l-status" label="Qualification status">
          <select id="l-status" value={draft.status} onChange={(event) => set('status', event.currentTarget.value)}>
            <option value="">Any</option>
            {qualificationStatuses.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </Field>
        <Field id="l-email" label="Email" error={errors.email}>
          <input id="l-email" type="email" value={draft.email} onInput={(event) => set('email', event.currentTarget.value.trim())} {...described('l-email', false, errors.email)} />
        </Field>
        <Field id="l-phone" label="Phone" error={errors.phone}>
          <input id="l-phone" type="tel" value={draft.phone} onInput={(event) => set('phone', event.currentTarget.value.trim())} {...described('l-phone', false, errors.phone)} />
        </Field>
        <div class="actions">
          <button type="submit">Search</button>
        </div>
      </form>
      {leads.error ? (
        <ErrorNotice error={leads.error} />
      ) : !leads.data ? (
        <Loading />
      ) : leads.data.data.length === 0 ? (
        <Notice kind="info">No leads{Object.values(applied).some(Boolean) ? ' match' : ' yet: they appear here as soon as Synaptiq sends them'}.</Notice>
      ) : (
        <div class="card table-card">
          <table class="leads" aria-busy={leads.loading}>
            <thead>
              <tr>
                <th scope="col">Lead</th>
                <th scope="col">Company</th>
                <th scope="col">Status</th>
                <th scope="col">In the CRM</th>
                <th scope="col">Received</th>
              </tr>
            </thead>
            <tbody>
              {leads.data.data.map((lead) => (
                <tr key={lead.id}>
                  <td>
                    <Link href={`/admin/leads/${encodeURIComponent(lead.id)}`}>{lead.name}</Link>
                    <div class="muted">{lead.email ?? lead.phone ?? lead.id}</div>
                  </td>
                  <td>{lead.company?.name ?? '—'}</td>
                  <td>
                    {lead.qualification_status ? <StatusBadge status={lead.qualification_status} /> : '—'}
                    {lead.review?.state === 'open' && (
                      <>
                        {' '}
                        <StatusBadge status="review" />
                      </>
                    )}
                  </td>
                  <td>
                    {lead.crm.contact?.url ? (
                      <a href={lead.crm.contact.url} target="_blank" rel="noopener noreferrer">
                        Contact {lead.crm.contact.id}
                      </a>
                    ) : lead.crm.contact ? (
                      `Contact ${lead.crm.contact.id}`
                    ) : (
                      <span class="muted">Not yet</span>
                    )}
                  </td>
                  <td>{formatTime(lead.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager pages={list.pages} nextCursor={leads.data.next_cursor} />
        </div>
      )}
    </Page>
  );
}
