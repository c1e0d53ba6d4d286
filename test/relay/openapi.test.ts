import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { buildOpenApi } from '../../relay/src/openapi';
import { createTestRelay } from './support/test-relay';

const document = buildOpenApi() as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

const refsIn = (value: unknown): string[] => [...JSON.stringify(value).matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] as string);

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1', () => {
    assert.equal(document.openapi, '3.1.0');
  });

  it('is the same in docs/openapi.json (run npm run openapi after changing the API)', () => {
    const committed: unknown = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    assert.deepEqual(committed, document);
  });

  it('resolves every $ref to a component', () => {
    const schemas = (document as unknown as { components: { schemas: Record<string, unknown> } }).components.schemas;
    for (const ref of refsIn(document)) {
      const name = ref.replace('#/components/schemas/', '');
      assert.ok(ref.startsWith('#/components/schemas/') && name in schemas, `unresolved ${ref}`);
    }
  });

  const contract = [
    'post /v1/workspaces/{workspaceId}/webhooks/synaptiq',
    'get /v1/me',
    'get /v1/settings',
    'put /v1/settings',
    'patch /v1/settings',
    'post /v1/crm/verify',
    'get /v1/crm/properties',
    'post /v1/crm/properties',
    'get /v1/crm/pipelines',
    'get /v1/crm/pipelines/{pipelineId}/stages',
    'get /v1/crm/owners',
    'get /v1/leads',
    'post /v1/leads',
    'get /v1/leads/{leadId}',
    'patch /v1/leads/{leadId}',
    'post /v1/deals',
    'post /v1/sync',
    'get /v1/sync-log',
    'get /v1/sync-log.csv',
    'get /v1/events',
    'post /v1/events/{eventId}/replay',
    'get /v1/review',
    'post /v1/review/{leadId}',
    'post /v1/hooks',
    'get /v1/hooks',
    'delete /v1/hooks/{hookId}',
    'get /health',
    'get /ready',
  ];
  it('describes every route of the contract, each with its error answers', () => {
    for (const entry of contract) {
      const [method, path] = entry.split(' ') as [string, string];
      const operation = document.paths[path]?.[method];
      assert.ok(operation, `${entry} is documented`);
      assert.ok(Object.keys(operation.responses).some((status) => status.startsWith('2')), `${entry} has a success answer`);
    }
  });

  it('is served at GET /openapi.json without a key', async () => {
    const res = await request(createTestRelay().app).get('/openapi.json');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, document);
  });
});
