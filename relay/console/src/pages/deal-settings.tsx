import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { dealCreationSchema, ownerAssignments } from '@synaptiq/shared/schemas/settings';
import type { DealCreation } from '@synaptiq/shared/schemas/settings';
import { dataOf, ownerSchema, pipelineSchema } from '../../../src/routes/responses';
import { api } from '../api';
import { loadSettings } from '../settings';
import { SettingsForm, useSaveSettings } from '../settings-form';
import { described, ErrorNotice, Field, Loading, Page, useLoad } from '../ui';

type Pipeline = z.infer<typeof pipelineSchema>;
type Owner = z.infer<typeof ownerSchema>;
const ownerLabels: Record<(typeof ownerAssignments)[number], string> = {
  round_robin: 'Round robin — each new deal goes to the next active CRM user in turn',
  fixed: 'Fixed — every deal goes to one owner',
  none: 'None — leave deals unassigned',
};
const laterStatuses = ['won', 'lost', 'disqualified'] as const;

const loadCatalog = async () => {
  const [pipelines, owners] = await Promise.all([api.get('/v1/crm/pipelines', dataOf(pipelineSchema)), api.get('/v1/crm/owners', dataOf(ownerSchema))]);
  return { pipelines: pipelines.data, owners: owners.data };
};

/** Pipelines and stages are named by label or id in the settings: find the one meant. */
const pick = <T extends { id: string; label: string }>(items: T[], wanted: string | undefined): T | undefined => items.find((item) => item.id === wanted) ?? items.find((item) => item.label === wanted);

/** /admin/settings > CRM > Deal Settings: when deals are created, in which pipeline and stage, for how much, for whom. */
export function DealSettingsPage() {
  const settings = useLoad(loadSettings, []);
  const catalog = useLoad(loadCatalog, []);
  if (settings.error || catalog.error) return <Page title="Deal Settings"><ErrorNotice error={settings.error ?? catalog.error} /></Page>;
  if (!settings.data || !catalog.data) return <Page title="Deal Settings"><Loading label="Reading your CRM's pipelines and users…" /></Page>;
  return <DealForm current={settings.data.deal_creation} pipelines={catalog.data.pipelines} owners={catalog.data.owners} />;
}

function DealForm(props: { current: DealCreation; pipelines: Pipeline[]; owners: Owner[] }) {
  const initialPipeline = pick(props.pipelines, props.current.pipeline);
  const [draft, setDraft] = useState({
    enabled: props.current.enabled,
    pipeline: initialPipeline?.id ?? props.current.pipeline,
    initial_stage: pick(initialPipeline?.stages ?? [], props.current.initial_stage)?.id ?? props.current.initial_stage,
    default_amount: props.current.default_amount === null ? '' : String(props.current.default_amount),
    owner_assignment: props.current.owner_assignment,
    fixed_owner_id: props.current.fixed_owner_id ?? '',
    close_in_days: String(props.current.close_in_days),
    stage_by_status: { ...props.current.stage_by_status } as Partial<Record<string, string>>,
  });
  const pipeline = pick(props.pipelines, draft.pipeline);
  const stages = pipeline?.stages ?? [];
  const set = (patch: Partial<typeof draft>) => setDraft({ ...draft, ...patch });
  useEffect(() => {
    // A new pipeline has its own stages: start at its first one.
    if (pipeline && !pick(pipeline.stages, draft.initial_stage)) set({ initial_stage: pipeline.stages[0]?.id ?? '', stage_by_status: {} });
  }, [draft.pipeline]);

  const save = useSaveSettings(dealCreationSchema, (deal_creation) => ({ deal_creation }));
  const errors = save.errors;
  const candidate = () => ({
    ...draft,
    default_amount: draft.default_amount.trim() === '' ? null : Number(draft.default_amount),
    fixed_owner_id: draft.owner_assignment === 'fixed' ? draft.fixed_owner_id || null : null,
    close_in_days: Number(draft.close_in_days),
    stage_by_status: Object.fromEntries(Object.entries(draft.stage_by_status).filter(([, stage]) => Boolean(stage))),
  });

  return (
    <Page title="Deal Settings" intro="Deals are created when a lead reaches “qualified”. Choose where they go in your CRM.">
      <SettingsForm save={save} candidate={candidate} savedText="Deal settings saved.">
        <label class="choice">
          <input type="checkbox" checked={draft.enabled} onChange={(event) => set({ enabled: event.currentTarget.checked })} />
          <span>
            <strong>Create a deal when a lead is qualified</strong>
          </span>
        </label>
        <Field id="pipeline" label="Pipeline" error={errors.pipeline}>
          <select id="pipeline" value={draft.pipeline} onChange={(event) => set({ pipeline: event.currentTarget.value })}>
            {!pipeline && <option value={draft.pipeline}>{draft.pipeline} (not in your CRM: choose another)</option>}
            {props.pipelines.map((option) => (
              <option key={option.id} value={option.id}>
                {option.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="stage" label="Initial stage" hint="The stage a new deal starts in." error={errors.initial_stage}>
          <select id="stage" value={draft.initial_stage} onChange={(event) => set({ initial_stage: event.currentTarget.value })}>
            {!pick(stages, draft.initial_stage) && <option value={draft.initial_stage}>{draft.initial_stage} (not in this pipeline: choose another)</option>}
            {stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.label}
              </option>
            ))}
          </select>
        </Field>
        <fieldset>
          <legend>Later stages (optional)</legend>
          <p class="hint">Where the deal moves when Synaptiq marks the lead won, lost or disqualified; leave empty to keep it where it is.</p>
          {laterStatuses.map((status) => (
            <Field id={`stage-${status}`} label={`When ${status}`} key={status} error={errors[`stage_by_status.${status}`]}>
              <select id={`stage-${status}`} value={draft.stage_by_status[status] ?? ''} onChange={(event) => set({ stage_by_status: { ...draft.stage_by_status, [status]: event.currentTarget.value } })}>
                <option value="">Leave the stage as it is</option>
                {stages.map((stage) => (
                  <option key={stage.id} value={stage.id}>
                    {stage.label}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </fieldset>
        <Field id="amount" label="Default amount" hint="Used when the lead has no estimated value. Leave empty to create deals without an amount." error={errors.default_amount}>
          <input id="amount" type="number" min={0} step="any" inputMode="decimal" value={draft.default_amount} onInput={(event) => set({ default_amount: event.currentTarget.value })} {...described('amount', true, errors.default_amount)} />
        </Field>
        <Field id="close" label="Expected close in (days)" hint="Salesforce needs a close date: qualification day plus this many days." error={errors.close_in_days}>
          <input id="close" type="number" min={0} max={3650} value={draft.close_in_days} onInput={(event) => set({ close_in_days: event.currentTarget.value })} {...described('close', true, errors.close_in_days)} />
        </Field>
        <fieldset>
          <legend>Owner assignment</legend>
          {ownerAssignments.map((value) => (
            <label class="choice" key={value}>
              <input type="radio" name="owner" checked={draft.owner_assignment === value} onChange={() => set({ owner_assignment: value })} />
              <span>{ownerLabels[value]}</span>
            </label>
          ))}
        </fieldset>
        {draft.owner_assignment === 'fixed' && (
          <Field id="owner" label="Owner" error={errors.fixed_owner_id && 'Choose the owner who gets every deal.'}>
            <select id="owner" value={draft.fixed_owner_id} onChange={(event) => set({ fixed_owner_id: event.currentTarget.value })}>
              <option value="">Choose an owner…</option>
              {props.owners.map((owner) => (
                <option key={owner.id} value={owner.id}>
                  {owner.name}
                  {owner.email ? ` <${owner.email}>` : ''}
                </option>
              ))}
            </select>
          </Field>
        )}
      </SettingsForm>
    </Page>
  );
}
