import { Router } from 'express';
import type { SandboxContext } from '../../http/context';
import { parseHubspot, validationError } from '../errors';
import { presentRecord } from '../present';
import { SEARCH_LIMITS, matchesGroups, matchesQuery, searchBodySchema, sortRecords } from '../search';
import { toObjectType, type HubspotObjectType } from '../types';
import { objectTypeParam } from './objects';

/** Properties the free-text `query` looks at. */
const QUERY_FIELDS: Record<HubspotObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'company', 'hs_searchable_calculated_phone_number'],
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname'],
  notes: ['hs_note_body'],
  meetings: ['hs_meeting_title', 'hs_meeting_body'],
};

/**
 * CRM search: filter groups ORed, filters ANDed, sorts, `after` paging, ≤ 200 per page, ≤ 10,000 results.
 * It reads the search index, which lags writes by `hubspot.searchLagMs`.
 * https://developers.hubspot.com/docs/api/crm/search
 */
export function searchRoutes(ctx: SandboxContext): Router {
  const router = Router();
  router.post('/crm/v3/objects/:objectType/search', (req, res) => {
    const type = objectTypeParam(req);
    if (JSON.stringify(req.body ?? {}).length > SEARCH_LIMITS.maxBodyChars) {
      throw validationError(`Request body exceeds the maximum of ${SEARCH_LIMITS.maxBodyChars} characters.`);
    }
    const body = parseHubspot(searchBodySchema, req.body);
    const filters = body.filterGroups.flatMap((g) => g.filters);
    if (body.limit > SEARCH_LIMITS.maxLimit || body.limit < 0) {
      throw validationError(`limit must be between 0 and ${SEARCH_LIMITS.maxLimit}`);
    }
    if (body.filterGroups.length > SEARCH_LIMITS.maxGroups) {
      throw validationError(`The maximum number of filterGroups is ${SEARCH_LIMITS.maxGroups}.`);
    }
    if (body.filterGroups.some((g) => g.filters.length > SEARCH_LIMITS.maxFiltersPerGroup) || filters.length > SEARCH_LIMITS.maxFilters) {
      throw validationError(
        `A filterGroup may have at most ${SEARCH_LIMITS.maxFiltersPerGroup} filters and a request at most ${SEARCH_LIMITS.maxFilters}.`,
      );
    }
    const props = ctx.hubspot.propertiesOf(type);
    const associationTypes = new Map(
      filters
        .filter((f) => f.propertyName.startsWith('associations.'))
        .map((f) => [f.propertyName, toObjectType(f.propertyName.slice('associations.'.length))] as const),
    );
    const unknown = [...filters.map((f) => f.propertyName), ...body.sorts.map((s) => s.propertyName)].filter(
      (n) => !props.has(n) && !associationTypes.get(n),
    );
    if (unknown.length) {
      throw validationError(`There was a problem with the request.`, unknown.map((n) => ({
        message: `Property "${n}" does not exist`,
        code: 'PROPERTY_DOESNT_EXIST',
        context: { propertyName: [n] },
      })));
    }
    const offset = Number(body.after ?? 0) || 0;
    if (offset + body.limit > SEARCH_LIMITS.maxResults) {
      throw validationError(`Paging past ${SEARCH_LIMITS.maxResults} results is not supported; narrow the filters instead.`);
    }
    const now = ctx.clock.now();
    const propertyOf = (name: string) => props.get(name);
    const visible = [...ctx.hubspot.recordsOf(type).values()]
      .map((record) => ({ record, id: record.id, props: ctx.hubspot.searchView(record, now) }))
      .filter((row): row is typeof row & { props: Record<string, string> } => row.props !== null)
      .map((row) => {
        // Pseudo-properties for association filters: the associated ids, `;`-joined.
        const extra = [...associationTypes].map(([name, to]) => [name, to ? ctx.hubspot.associationsOf(type, row.id, to).map((e) => e.toId).join(';') : '']);
        return extra.length ? { ...row, props: { ...row.props, ...Object.fromEntries(extra) } } : row;
      })
      .filter((row) => matchesGroups(row.props, body.filterGroups, propertyOf) && matchesQuery(row.props, body.query, QUERY_FIELDS[type]));
    const sorted = sortRecords(visible, body.sorts, propertyOf);
    const page = sorted.slice(offset, offset + body.limit);
    const next = offset + body.limit;
    res.json({
      total: sorted.length,
      results: page.map((row) => presentRecord(type, row.record, body.properties, row.props)),
      ...(next < Math.min(sorted.length, SEARCH_LIMITS.maxResults) ? { paging: { next: { after: String(next) } } } : {}),
    });
  });
  return router;
}
