import assert from 'node:assert/strict';
import { defaultMemoryPipelines } from '../../../shared/src/adapters/memory/memory-crm-adapter';
import { resolveDealStage, type DealStatus } from '../../../shared/src/mapping/deal-stage';
import { dealCreationSchema, type DealCreation } from '../../../shared/src/schemas/settings';
import { salesforcePipelines } from '../sync/helpers';

const deal = (input: Partial<DealCreation> = {}) => dealCreationSchema.parse(input);
const stageId = (status: DealStatus, settings: DealCreation, pipelines = defaultMemoryPipelines, provider: 'hubspot' | 'salesforce' = 'hubspot') => {
  const result = resolveDealStage(provider, settings, pipelines, status);
  return result.ok ? `${result.pipeline.id}/${result.stage.id}` : `error: ${result.error.message}`;
};

describe('resolveDealStage', () => {
  const cases: Array<[string, DealStatus, Partial<DealCreation>, string]> = [
    ['the initial stage label for a qualified lead', 'qualified', {}, 'default/qualifiedlead'],
    ['a stage given by id', 'qualified', { initial_stage: 'contractsent' }, 'default/contractsent'],
    ['labels whatever their case', 'qualified', { pipeline: 'sales pipeline', initial_stage: 'QUALIFIED TO BUY' }, 'default/qualifiedtobuy'],
    ['the closed-won stage for a won lead', 'won', {}, 'default/closedwon'],
    ['the closed-lost stage for a lost lead', 'lost', {}, 'default/closedlost'],
    ['the lost stage for a disqualified lead', 'disqualified', {}, 'default/closedlost'],
    ['the stage the settings name for a status', 'disqualified', { stage_by_status: { disqualified: 'Appointment Scheduled' } }, 'default/appointmentscheduled'],
  ];
  for (const [what, status, settings, expected] of cases) {
    it(`resolves ${what}`, () => assert.equal(stageId(status, deal(settings)), expected));
  }

  it('says which pipelines exist when the pipeline is not found', () => {
    assert.match(stageId('qualified', deal({ pipeline: 'Renewals' })), /^error: Deal pipeline "Renewals" was not found.*"Sales Pipeline".*Deal Settings/);
  });

  it('says which stages exist when the stage is not found', () => {
    assert.match(stageId('qualified', deal({ initial_stage: 'Hot' })), /^error: Deal stage "Hot" was not found in pipeline "Sales Pipeline" \(stages: "Appointment Scheduled"/);
  });

  it('resolves the documented default stage to Salesforce\'s standard "Qualification" stage', () => {
    assert.equal(stageId('qualified', deal(), salesforcePipelines, 'salesforce'), 'opportunity/Qualification');
  });

  it('keeps a "Qualified Lead" stage a Salesforce org really has', () => {
    const pipelines = salesforcePipelines.map((pipeline) => ({ ...pipeline, stages: [...pipeline.stages, { id: 'Qualified_Lead', label: 'Qualified Lead' }] }));
    assert.equal(stageId('qualified', deal(), pipelines, 'salesforce'), 'opportunity/Qualified_Lead');
  });

  it('does not map the documented default stage for HubSpot', () => {
    const pipelines = defaultMemoryPipelines.map((pipeline) => ({ ...pipeline, stages: pipeline.stages.filter((stage) => stage.id !== 'qualifiedlead') }));
    assert.match(stageId('qualified', deal(), pipelines), /^error: Deal stage "Qualified Lead" was not found/);
  });

  it('lists the valid choices in the error details', () => {
    const result = resolveDealStage('hubspot', deal({ pipeline: 'Renewals' }), defaultMemoryPipelines, 'qualified');
    assert.deepEqual(result.ok ? null : result.error.details, { setting: 'deal_creation.pipeline', value: 'Renewals', choices: ['Sales Pipeline'] });
  });

  it('uses Salesforce\'s only stage list whatever the pipeline setting says', () => {
    assert.equal(stageId('qualified', deal({ initial_stage: 'Qualification' }), salesforcePipelines, 'salesforce'), 'opportunity/Qualification');
  });
});
