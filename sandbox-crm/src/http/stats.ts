import type { Api } from './context';

export interface StatsSnapshot {
  calls: Record<string, number>;
  totals: Record<Api, number>;
  statuses: Record<string, number>;
  rateLimited: { hubspotTenSecondly: number; hubspotDaily: number; hubspotSearch: number; salesforceDaily: number };
  faultsInjected: number;
}

/** Counts API calls per endpoint (method + route pattern) for benchmarks and checks. */
export class Stats {
  private snapshotData: StatsSnapshot = Stats.empty();

  static empty(): StatsSnapshot {
    return {
      calls: {},
      totals: { hubspot: 0, salesforce: 0 },
      statuses: {},
      rateLimited: { hubspotTenSecondly: 0, hubspotDaily: 0, hubspotSearch: 0, salesforceDaily: 0 },
      faultsInjected: 0,
    };
  }

  record(api: Api, endpoint: string, status: number): void {
    const s = this.snapshotData;
    s.calls[endpoint] = (s.calls[endpoint] ?? 0) + 1;
    s.totals[api] += 1;
    const key = `${api} ${status}`;
    s.statuses[key] = (s.statuses[key] ?? 0) + 1;
  }

  rateLimited(kind: keyof StatsSnapshot['rateLimited']): void {
    this.snapshotData.rateLimited[kind] += 1;
  }

  fault(): void {
    this.snapshotData.faultsInjected += 1;
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.snapshotData);
  }

  reset(): void {
    this.snapshotData = Stats.empty();
  }
}

/** `POST /crm/v3/objects/contacts/batch/create`: the route pattern with type-like params filled in, ids left as `:id`. */
export function endpointName(method: string, routePath: string | undefined, params: Record<string, string>, path: string): string {
  if (!routePath) return `${method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
  const kept = new Set(['objectType', 'fromObjectType', 'toObjectType', 'type', 'extIdField', 'version', 'name']);
  const filled = routePath.replace(/:(\w+)/g, (whole, name: string) => {
    const value = params[name];
    if (name === 'version') return 'vXX.X';
    return kept.has(name) && value !== undefined ? value : whole;
  });
  return `${method} ${filled}`;
}
