import type { CrmOwner } from '../schemas/crm';
import type { DealCreation } from '../schemas/settings';

/**
 * The owner of a new deal per owner_assignment: round robin over active owners (the cursor moves only when
 * it is used), a fixed owner, or none.
 */
export function pickOwner(deal: DealCreation, owners: CrmOwner[], cursor: number): { ownerId: string | undefined; nextCursor: number } {
  const active = owners.filter((owner) => owner.active);
  const pick: Record<DealCreation['owner_assignment'], () => { ownerId: string | undefined; nextCursor: number }> = {
    round_robin: () =>
      active.length === 0 ? { ownerId: undefined, nextCursor: cursor } : { ownerId: active[cursor % active.length]?.id, nextCursor: cursor + 1 },
    fixed: () => ({ ownerId: deal.fixed_owner_id ?? undefined, nextCursor: cursor }),
    none: () => ({ ownerId: undefined, nextCursor: cursor }),
  };
  return pick[deal.owner_assignment]();
}
