import assert from 'node:assert/strict';
import { leadView, page } from '../fixtures';
import { appTester, bundleWith, performOf as performIn, messageOf, relay, relayError, rejectionOf, useNock } from '../helpers';

const performOf = (key: string) => performIn<Array<Record<string, unknown>>>('triggers', key);
const dropdown = (extra: { inputData?: Record<string, unknown>; page?: number } = {}) =>
  bundleWith({ inputData: extra.inputData ?? {}, meta: { isFillingDynamicDropdown: true, page: extra.page ?? 0 } });

const pipelines = [
  { id: 'default', label: 'Sales Pipeline', stages: [{ id: 'appointmentscheduled', label: 'Appointment Scheduled' }] },
  { id: 'renewals', label: 'Renewals', stages: [{ id: 'r1', label: 'Due' }] },
];

describe('Zapier dropdown triggers', () => {
  useNock();

  describe('lead_list', () => {
    it('lists leads with name and email as the label', async () => {
      relay().get('/v1/leads').query({ limit: '100' }).reply(200, page([leadView()], 'c2'));
      const [lead] = await appTester(performOf('lead_list'), dropdown());
      assert.equal(lead?.id, 'lead_01HZX3');
      assert.equal(lead?.label, 'Ada Lovelace (ada@analytical.example)');
    });

    it('reaches page 2 by following the relay\'s cursor', async () => {
      relay().get('/v1/leads').query({ limit: '100' }).reply(200, page([leadView({ id: 'lead_2' })], 'cursor_2'));
      relay().get('/v1/leads').query({ limit: '100', cursor: 'cursor_2' }).reply(200, page([leadView({ id: 'lead_1', email: null })]));
      const [second] = await appTester(performOf('lead_list'), dropdown({ page: 1 }));
      assert.equal(second?.id, 'lead_1');
      assert.equal(second?.label, 'Ada Lovelace');
    });

    it('answers an empty page past the last one', async () => {
      relay().get('/v1/leads').query({ limit: '100' }).reply(200, page([leadView()], null));
      assert.deepEqual(await appTester(performOf('lead_list'), dropdown({ page: 1 })), []);
    });
  });

  describe('pipeline_list', () => {
    it('lists pipelines by id and label', async () => {
      relay().get('/v1/crm/pipelines').reply(200, { data: pipelines });
      assert.deepEqual(await appTester(performOf('pipeline_list'), dropdown()), [
        { id: 'default', label: 'Sales Pipeline' },
        { id: 'renewals', label: 'Renewals' },
      ]);
    });

    it('answers an empty second page (the relay lists all pipelines at once)', async () => {
      relay().get('/v1/crm/pipelines').reply(200, { data: pipelines });
      assert.deepEqual(await appTester(performOf('pipeline_list'), dropdown({ page: 1 })), []);
    });

    it('fails with the relay\'s message when no CRM is connected', async () => {
      relay().get('/v1/crm/pipelines').reply(409, relayError('crm.not_configured', 'No CRM is connected. Connect one at /admin/settings > CRM.'));
      const error = await rejectionOf(appTester(performOf('pipeline_list'), dropdown()));
      assert.match(messageOf(error), /No CRM is connected/);
    });
  });

  describe('stage_list', () => {
    it('lists the stages of the chosen pipeline', async () => {
      relay().get('/v1/crm/pipelines/renewals/stages').reply(200, { data: [{ id: 'r1', label: 'Due' }] });
      assert.deepEqual(await appTester(performOf('stage_list'), dropdown({ inputData: { pipeline_id: 'renewals' } })), [{ id: 'r1', label: 'Due' }]);
    });

    it('lists nothing until a pipeline is chosen', async () => {
      assert.deepEqual(await appTester(performOf('stage_list'), dropdown()), []);
    });
  });

  describe('owner_list', () => {
    it('lists owners labelled with their email', async () => {
      relay().get('/v1/crm/owners').reply(200, { data: [{ id: '75030132', name: 'Grace Hopper', email: 'grace@acme.example' }] });
      assert.deepEqual(await appTester(performOf('owner_list'), dropdown()), [
        { id: '75030132', name: 'Grace Hopper', email: 'grace@acme.example', label: 'Grace Hopper (grace@acme.example)' },
      ]);
    });
  });
});
