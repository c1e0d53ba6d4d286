import { callRelay } from '../relay';
import { listOf, stageSchema } from '../schemas/relay';
import { dropdownTrigger, pageOfList } from './dropdown';

/** The stages of the pipeline chosen in the same step (Create Deal's pipeline_id). */
export const stageList = dropdownTrigger({
  key: 'stage_list',
  noun: 'Stage',
  label: 'List Deal Stages',
  description: 'Triggers when a deal stage is added to a pipeline (lists the stages of the chosen pipeline).',
  perform: async (z, bundle) => {
    const pipelineId = typeof bundle.inputData.pipeline_id === 'string' ? bundle.inputData.pipeline_id : '';
    if (!pipelineId) return [];
    const { data } = await callRelay(z, bundle, { path: `/v1/crm/pipelines/${encodeURIComponent(pipelineId)}/stages` }, listOf(stageSchema));
    return pageOfList(data, bundle);
  },
});
