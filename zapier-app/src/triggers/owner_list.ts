import { callRelay } from '../relay';
import { listOf, ownerSchema } from '../schemas/relay';
import { dropdownTrigger, pageOfList } from './dropdown';

export const ownerList = dropdownTrigger({
  key: 'owner_list',
  noun: 'Owner',
  label: 'List Owners',
  description: 'Triggers when a user is added to your CRM (lists active owners for dropdowns).',
  perform: async (z, bundle) => {
    const { data } = await callRelay(z, bundle, { path: '/v1/crm/owners' }, listOf(ownerSchema));
    return pageOfList(
      data.map((owner) => ({ ...owner, label: owner.email ? `${owner.name} (${owner.email})` : owner.name })),
      bundle,
    );
  },
});
