import { useState } from 'preact/hooks';
import { z } from 'zod';
import { hookEvents, hookEventSchema } from '@synaptiq/shared/schemas/workspace';
import type { HookEvent } from '@synaptiq/shared/schemas/workspace';
import { hookDeliverySchema, hookSubscriptionSchema, listOf } from '../../../src/routes/responses';
import { api } from '../api';
import { validate } from '../forms';
import type { FieldErrors } from '../forms';
import { described, ErrorNotice, Field, formatTime, Loading, Notice, Page, StatusBadge, useAction, useLoad } from '../ui';

/** The body of POST /v1/hooks (relay/src/routes/hooks.ts subscribeBodySchema: kept in step by hand, that file needs Node). */
const subscribeSchema = z.object({
  target_url: z.string().trim().min(1, 'type the address your system receives webhooks at (https://…)').max(2048).pipe(z.url('use a full address such as https://hooks.example.com/synaptiq')),
  event: hookEventSchema,
});
const createdSchema = hookSubscriptionSchema.extend({ secret: z.string() });
type Subscription = z.infer<typeof hookSubscriptionSchema>;

const explainEvent: Record<HookEvent, string> = {
  'lead.created': 'a new lead was processed',
  'lead.qualified': 'a lead became qualified',
  'meeting.booked': 'a lead booked a meeting',
  'lead.synced': "a lead's CRM writes succeeded",
  'sync.failed': 'a CRM write failed',
  'lead.crm_updated': 'someone changed the lead in the CRM (two-way sync)',
};

/** Subscriptions: outbound webhooks for your own systems, their delivery health, and replay of deliveries. */
export function SubscriptionsPage() {
  const hooks = useLoad(() => api.get('/v1/hooks', listOf(hookSubscriptionSchema)), []);
  const [draft, setDraft] = useState({ target_url: '', event: 'lead.synced' as string });
  const [errors, setErrors] = useState<FieldErrors>({});
  const subscribe = useAction(async () => {
    const checked = validate(subscribeSchema, draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return undefined;
    }
    setErrors({});
    const created = await api.send('POST', '/v1/hooks', checked.data, createdSchema);
    setDraft({ ...draft, target_url: '' });
    hooks.reload();
    return created;
  });
  const remove = useAction(async (id: string) => {
    if (!window.confirm('Delete this subscription? Nothing more is sent to it.')) return;
    await api.call('DELETE', `/v1/hooks/${encodeURIComponent(id)}`);
    hooks.reload();
  });

  return (
    <Page title="Subscriptions" intro="Tell your own systems (Zapier, an internal service…) what happens to leads: the relay POSTs each event you subscribe to, signed with Standard Webhooks.">
      <form
        class="card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void subscribe.run();
        }}
      >
        <h2>New subscription</h2>
        <Field id="h-url" label="Target URL" hint="A public https address; private and loopback addresses are refused." error={errors.target_url}>
          <input id="h-url" type="url" inputMode="url" placeholder="https://hooks.example.com/synaptiq" value={draft.target_url} onInput={(event) => setDraft({ ...draft, target_url: event.currentTarget.value })} {...described('h-url', true, errors.target_url)} />
        </Field>
        <Field id="h-event" label="Event" error={errors.event}>
          <select id="h-event" value={draft.event} onChange={(event) => setDraft({ ...draft, event: event.currentTarget.value })}>
            {hookEvents.map((name) => (
              <option key={name} value={name}>
                {name} — {explainEvent[name]}
              </option>
            ))}
          </select>
        </Field>
        <ErrorNotice error={subscribe.error} title="Not subscribed." />
        {subscribe.data && (
          <Notice kind="success" title="Subscribed.">
            Signing secret (shown this once: store it where your receiver can read it): <code data-testid="hook-secret">{subscribe.data.secret}</code>
          </Notice>
        )}
        <button type="submit" disabled={subscribe.busy}>
          Subscribe
        </button>
      </form>
      <ErrorNotice error={hooks.error ?? remove.error} />
      {!hooks.data && !hooks.error && <Loading />}
      {hooks.data && hooks.data.data.length === 0 && <Notice kind="info">No subscriptions yet.</Notice>}
      {hooks.data?.data.map((hook) => <SubscriptionCard key={hook.id} hook={hook} onDelete={() => void remove.run(hook.id)} />)}
    </Page>
  );
}

function SubscriptionCard(props: { hook: Subscription; onDelete: () => void }) {
  const { hook } = props;
  const [open, setOpen] = useState(false);
  const deliveries = useLoad(() => (open ? api.get(`/v1/hooks/${encodeURIComponent(hook.id)}/deliveries?limit=25`, listOf(hookDeliverySchema)) : Promise.resolve(null)), [open]);
  const replay = useAction(async (id: string) => {
    await api.send('POST', `/v1/hooks/deliveries/${encodeURIComponent(id)}/replay`, undefined, z.object({ id: z.string(), status: z.string() }));
    deliveries.reload();
    return id;
  });
  const health = hook.health.failing_since
    ? `Failing since ${formatTime(hook.health.failing_since)}: check that the target answers 2xx within 15 seconds.`
    : hook.health.last_success_at
      ? `Healthy: last delivered ${formatTime(hook.health.last_success_at)}.`
      : 'Nothing delivered yet.';
  return (
    <article class="card" aria-label={`${hook.event} to ${hook.target_url}`}>
      <h2>
        {hook.event} <StatusBadge status={hook.status} />
      </h2>
      <p>
        <code>{hook.target_url}</code>
      </p>
      <p>{hook.status === 'disabled' ? `Disabled: ${hook.disabled_reason ?? 'deliveries kept failing'}. Fix the receiver, delete this subscription and subscribe again.` : health}</p>
      <div class="actions">
        <button type="button" class="secondary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide deliveries' : 'Show deliveries'}
        </button>
        <button type="button" class="danger" onClick={props.onDelete}>
          Delete
        </button>
      </div>
      {open && (
        <div>
          <ErrorNotice error={deliveries.error ?? replay.error} />
          {replay.data && <Notice kind="success">Delivery {replay.data} is being sent again.</Notice>}
          {deliveries.data && deliveries.data.data.length === 0 && <p class="muted">No deliveries yet.</p>}
          {deliveries.data && deliveries.data.data.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last attempt</th>
                  <th scope="col">
                    <span class="visually-hidden">Action</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.data.map((delivery) => (
                  <tr key={delivery.id}>
                    <td>{formatTime(delivery.created_at)}</td>
                    <td>
                      <StatusBadge status={delivery.status} /> {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
                    </td>
                    <td>
                      {delivery.error ?? (delivery.response_status ? `HTTP ${delivery.response_status}` : '—')}
                      {delivery.next_attempt_at && <div class="muted">next try {formatTime(delivery.next_attempt_at)}</div>}
                    </td>
                    <td>
                      {(delivery.status === 'failed' || delivery.status === 'dead') && (
                        <button type="button" class="small" onClick={() => void replay.run(delivery.id)} disabled={replay.busy}>
                          Replay
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </article>
  );
}
