import type { Clock } from '../../ports/clock';
import type { CrmObjectType, CrmProperty } from '../../schemas/crm';

/** Enumeration options change when someone edits a property in HubSpot: rarely, so a few minutes' staleness is fine. */
export const propertyCacheTtlMs = 15 * 60_000;

/**
 * An adapter's property lists per object type, loaded once per TTL however many writes ask at once.
 * A failed load is not kept: the next write asks again.
 */
export class PropertyCache {
  private readonly entries = new Map<CrmObjectType, { loadedAt: number; properties: Promise<CrmProperty[]> }>();

  constructor(
    private readonly clock: Clock,
    private readonly load: (objectType: CrmObjectType) => Promise<CrmProperty[]>,
  ) {}

  get(objectType: CrmObjectType): Promise<CrmProperty[]> {
    const now = this.clock.now();
    const cached = this.entries.get(objectType);
    if (cached && now - cached.loadedAt < propertyCacheTtlMs) return cached.properties;
    const properties = this.load(objectType);
    this.entries.set(objectType, { loadedAt: now, properties });
    properties.catch(() => {
      if (this.entries.get(objectType)?.properties === properties) this.entries.delete(objectType);
    });
    return properties;
  }
}
