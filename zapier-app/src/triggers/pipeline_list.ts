import { callRelay } from '../relay';
import { listOf, pipelineSchema } from '../schemas/relay';
import { dropdownTrigger, pageOfList } from './dropdown';

export const pipelineList = dropdownTrigger({
  key: 'pipeline_list',
  noun: 'Pipeline',
  label: 'List Pipelines',
  description: 'Triggers when a deal pipeline is added to your CRM (lists pipelines for dropdowns).',
  perform: async (z, bundle) => {
    const { data } = await callRelay(z, bundle, { path: '/v1/crm/pipelines' }, listOf(pipelineSchema));
    return pageOfList(data.map(({ id, label }) => ({ id, label })), bundle);
  },
});
