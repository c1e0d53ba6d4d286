import assert from 'node:assert/strict';
import App from '../../zapier-app/src/index';
import { docsBaseUrl } from '../../zapier-app/src/links';
import { apiKey } from './helpers';

/**
 * The reviewers' rules of zapier-guidelines.md that can be checked without Zapier's servers (its style checks
 * need them). Each rule walks every trigger, action and search, so a new one is checked without a new test.
 */

interface Field {
  key: string;
  label?: string;
  type?: string;
  list?: boolean;
  dynamic?: string;
  search?: string;
  helpText?: string;
  altersDynamicFields?: boolean;
}
interface Operation {
  type?: string;
  inputFields?: Field[];
  outputFields?: Field[];
  sample?: Record<string, unknown>;
  performList?: unknown;
  performSubscribe?: unknown;
  performUnsubscribe?: unknown;
  canPaginate?: boolean;
}
interface Action {
  key: string;
  display: { label?: string; description: string; hidden?: boolean };
  operation: Operation;
}

/** The definition seen through the few properties the rules read (the app's own types are a union per key). */
const actionsOf = (group: Record<string, object>): Action[] => Object.values(group) as Action[];
const triggers = actionsOf(App.triggers);
const kinds: Array<{ kind: string; actions: Action[]; description: RegExp }> = [
  { kind: 'trigger', actions: triggers, description: /^Triggers when / },
  { kind: 'create', actions: actionsOf(App.creates), description: /^(Creates|Updates) an? / },
  { kind: 'search', actions: actionsOf(App.searches), description: /^Finds an? / },
];
const visible = kinds.flatMap(({ kind, actions, description }) => actions.filter((action) => !action.display.hidden).map((action) => ({ kind, action, description })));
const everyAction = kinds.flatMap(({ actions }) => actions);

const minorWords = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to']);
const isTitleCase = (label: string) =>
  label.split(' ').every((word, index) => (index > 0 && minorWords.has(word)) || /^[A-Z0-9]/.test(word));

/** A sample flattened with Zapier's `__` separator, as outputFields name its keys. */
function flatten(value: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, inner] of Object.entries(value)) {
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const [k, v] of flatten(inner as Record<string, unknown>, `${prefix}${key}__`)) out.set(k, v);
    } else {
      out.set(prefix + key, inner);
    }
  }
  return out;
}

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const typeAgrees: Record<string, (value: unknown) => boolean> = {
  string: (value) => typeof value === 'string',
  integer: (value) => Number.isInteger(value),
  number: (value) => typeof value === 'number',
  boolean: (value) => typeof value === 'boolean',
  datetime: (value) => typeof value === 'string' && isoWithOffset.test(value),
};

describe('Zapier reviewers\' rules (offline)', () => {
  for (const { kind, action, description } of visible) {
    describe(`${kind} ${action.key}`, () => {
      it('has a Title Case label', () => {
        assert.ok(action.display.label && isTitleCase(action.display.label), `label "${action.display.label}"`);
      });

      it('has a description that starts the reviewers\' way, ends with a period and leaves out the app name', () => {
        assert.match(action.display.description, description);
        assert.match(action.display.description, /\.$/);
        assert.doesNotMatch(action.display.description, /Synaptiq CRM Sync|Zapier/);
      });

      it('has a sample whose values agree with every output field', () => {
        const { sample, outputFields = [] } = action.operation;
        assert.ok(sample, 'no sample');
        assert.ok(outputFields.length > 0, 'no outputFields');
        const flat = flatten(sample);
        // A field under an object the sample shows as null (no deal yet) is present as that null.
        const nullParent = (key: string) => key.split('__').some((_part, index, parts) => index > 0 && flat.get(parts.slice(0, index).join('__')) === null);
        for (const field of outputFields) {
          if (nullParent(field.key)) continue;
          assert.ok(flat.has(field.key), `sample lacks ${field.key}`);
          const value = flat.get(field.key);
          if (value === null) continue;
          if (field.list) {
            assert.ok(Array.isArray(value), `${field.key} should be a list`);
          } else {
            assert.ok(typeAgrees[field.type ?? 'string']?.(value), `${field.key}: ${JSON.stringify(value)} is not a ${field.type ?? 'string'}`);
          }
        }
      });

      it('writes every datetime in its sample in ISO 8601 with an offset', () => {
        for (const [key, value] of flatten(action.operation.sample ?? {})) {
          if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) assert.match(value, isoWithOffset, key);
        }
      });

      it('labels every output field, spelling ID and CRM in capitals', () => {
        for (const field of action.operation.outputFields ?? []) {
          assert.ok(field.label, `${field.key} has no label`);
          assert.doesNotMatch(field.label, /\b(Id|Crm|Url)\b/, field.key);
        }
      });
    });
  }

  it('gives every trigger sample a primary key', () => {
    for (const trigger of triggers.filter((t) => !t.display.hidden)) {
      assert.equal(typeof trigger.operation.sample?.id, 'string', trigger.key);
    }
  });

  it('makes every hook trigger instant with subscribe, unsubscribe and performList', () => {
    const hooks = triggers.filter((trigger) => trigger.operation.type === 'hook');
    assert.ok(hooks.length >= 5);
    for (const trigger of hooks) {
      assert.equal(typeof trigger.operation.performSubscribe, 'function', trigger.key);
      assert.equal(typeof trigger.operation.performUnsubscribe, 'function', trigger.key);
      assert.equal(typeof trigger.operation.performList, 'function', trigger.key);
    }
  });

  it('paginates every hidden dropdown trigger', () => {
    const hidden = triggers.filter((trigger) => trigger.display.hidden);
    assert.deepEqual(hidden.map((t) => t.key).sort(), ['lead_list', 'owner_list', 'pipeline_list', 'stage_list']);
    for (const trigger of hidden) assert.equal(trigger.operation.canPaginate, true, trigger.key);
  });

  it('never asks users to type an ID: every ID input has a dropdown or a search', () => {
    for (const action of everyAction) {
      for (const field of action.operation.inputFields ?? []) {
        if (/_id$/.test(field.key) || /\bID\b/.test(field.label ?? '')) assert.ok(field.dynamic || field.search, `${action.key}.${field.key}`);
      }
    }
  });

  it('lets a lead input be found by the Find Lead search', () => {
    for (const key of ['create_deal', 'update_lead'] as const) {
      const field = (App.creates?.[key]?.operation.inputFields as Field[]).find((f) => f.key === 'lead_id');
      assert.equal(field?.search, 'find_lead.id', key);
    }
  });

  it('reloads the stage dropdown when the pipeline changes', () => {
    const fields = App.creates?.create_deal?.operation.inputFields as Field[];
    assert.equal(fields.find((f) => f.key === 'pipeline_id')?.altersDynamicFields, true);
    assert.equal(fields.find((f) => f.key === 'stage_id')?.dynamic, 'stage_list.id.label');
  });

  it('links only to https addresses in help text', () => {
    const helpTexts = [
      ...App.authentication!.fields!.map((field) => (field as Field).helpText ?? ''),
      ...everyAction.flatMap((action) => (action.operation.inputFields ?? []).map((field) => field.helpText ?? '')),
    ];
    const links = helpTexts.flatMap((text) => [...text.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1] ?? ''));
    assert.ok(links.length > 0, 'the auth fields should link to where the key is found');
    for (const link of links) assert.match(link, /^https:\/\//);
    // One constants module (zapier-app/src/links.ts): publishing changes one address, not a search through help texts.
    for (const link of links) assert.ok(link.startsWith(`${docsBaseUrl}/`), `${link} is not built from links.ts`);
  });

  it('labels the connection with the workspace name and never the key', async () => {
    const connectionLabel = App.authentication?.connectionLabel;
    assert.equal(typeof connectionLabel, 'function');
    const me = { workspace: { id: 'ws_1', name: 'Acme Sales' }, crm: { provider: 'hubspot', connected: true, account_name: null, sandbox: false } };
    const label = await (connectionLabel as (z: unknown, bundle: unknown) => Promise<string>)({}, { inputData: me, authData: { api_key: apiKey } });
    assert.match(label, /Acme Sales/);
    assert.doesNotMatch(label, new RegExp(apiKey));
  });

  it('keeps required input fields ahead of optional ones', () => {
    for (const action of everyAction) {
      const fields = (action.operation.inputFields ?? []) as Array<Field & { required?: boolean }>;
      const firstOptional = fields.findIndex((field) => !field.required);
      const lastRequired = fields.map((field) => Boolean(field.required)).lastIndexOf(true);
      assert.ok(firstOptional === -1 || lastRequired < firstOptional, `${action.key}: required fields first`);
    }
  });
});
