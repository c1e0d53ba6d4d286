import { createHash } from 'node:crypto';
import { HubspotPortalRegistry } from '@synaptiq/shared/adapters/hubspot/index';
import { LimiterRegistry, RollingWindowLimiter } from '@synaptiq/shared/adapters/shared/index';
import type { Clock, CrmConnection } from '@synaptiq/shared';
import type { Queryable } from '../database';
import { SharedRateLimiter } from './shared-rate-limiter';

type HubspotLimiters = { general: RollingWindowLimiter; search: RollingWindowLimiter };

/** The shared twin of a local limiter: same limit and window, the window kept in the database. */
const sharedTwin = (db: Queryable, clock: Clock, budgetKey: string, local: RollingWindowLimiter): SharedRateLimiter =>
  new SharedRateLimiter({ db, clock, budgetKey, limit: local.limit, windowMs: local.windowMs });

/** HubSpot's portal limiters (general 10-second budget and search per second), each one budget for all instances. */
class SharedHubspotLimiters extends LimiterRegistry<HubspotLimiters> {
  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
  ) {
    super();
  }

  override get(key: string, create: () => HubspotLimiters): HubspotLimiters {
    return super.get(key, () => {
      const local = create();
      return {
        general: sharedTwin(this.db, this.clock, `hubspot|${key}|general`, local.general),
        search: sharedTwin(this.db, this.clock, `hubspot|${key}|search`, local.search),
      };
    });
  }
}

/** A HubSpot registry whose limiters are shared across instances; OAuth sessions stay per instance. */
export class SharedHubspotRegistry extends HubspotPortalRegistry {
  override readonly limiters: LimiterRegistry<HubspotLimiters>;

  constructor(db: Queryable, clock: Clock) {
    super();
    this.limiters = new SharedHubspotLimiters(db, clock);
  }
}

/** What the adapter builders take to make every instance's CRM calls draw from one budget per account. */
export interface SharedCrmLimits {
  hubspotRegistry: HubspotPortalRegistry;
  /** The limiter of a Salesforce org: one per org for all instances and all workspaces on it. */
  salesforceLimiter(connection: CrmConnection): RollingWindowLimiter;
}

/** Budgets keyed like the adapters key them: a HubSpot portal by its base URL and token, a Salesforce org by its URL. */
export function sharedCrmLimits(db: Queryable, clock: Clock): SharedCrmLimits {
  const salesforce = new LimiterRegistry<RollingWindowLimiter>();
  return {
    hubspotRegistry: new SharedHubspotRegistry(db, clock),
    salesforceLimiter(connection) {
      const org = (connection.auth === 'oauth' ? connection.instance_url : undefined) ?? connection.base_url ?? 'https://login.salesforce.com';
      const key = `salesforce|${createHash('sha256').update(org).digest('hex').slice(0, 16)}`;
      return salesforce.get(key, () => {
        const local = new RollingWindowLimiter({ budget: connection.rate_limit_per_10s, windowMs: 10_000, clock, sleep: async () => undefined });
        return sharedTwin(db, clock, key, local);
      });
    },
  };
}
