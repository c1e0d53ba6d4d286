import assert from 'node:assert/strict';
import { dealSample } from '../../../zapier-app/src/samples/actions';
import { appTester, bundleWith, performOf, messageOf, relay, relayError, rejectionOf, useNock } from '../helpers';

const perform = performOf<Record<string, unknown>>('creates', 'create_deal');
const deal = dealSample;

describe('Zapier Create Deal', () => {
  useNock();

  it('posts the chosen lead, pipeline, stage, owner, amount and close day, and returns the deal', async () => {
    relay()
      .post('/v1/deals', { lead_id: deal.lead_id, pipeline_id: deal.pipeline_id, stage_id: deal.stage_id, owner_id: deal.owner_id, amount: 24000, close_date: '2026-12-31' })
      .reply(201, { deal });
    const inputData = { lead_id: 'lead_01HZX3', pipeline_id: 'default', stage_id: 'appointmentscheduled', owner_id: '75030132', amount: '24000', close_date: '2026-12-31T00:00:00+00:00' };
    assert.deepEqual(await appTester(perform, bundleWith({ inputData })), deal);
  });

  it('leaves out the optional fields a user left empty', async () => {
    relay().post('/v1/deals', { lead_id: 'lead_01HZX3' }).reply(201, { deal });
    const result = await appTester(perform, bundleWith({ inputData: { lead_id: 'lead_01HZX3', pipeline_id: '', amount: '', close_date: null } }));
    assert.equal((result as { id: string }).id, '1789');
  });

  it('says which field is wrong before calling the relay', async () => {
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { lead_id: 'lead_01HZX3', amount: 'a lot' } })));
    assert.match(messageOf(error), /amount/);
  });

  it('halts when the lead already has a deal', async () => {
    relay().post('/v1/deals').reply(409, relayError('conflict', 'Lead lead_01HZX3 already has a deal (1789).'));
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { lead_id: 'lead_01HZX3' } })));
    assert.equal(error.name, 'HaltedError');
    assert.match(messageOf(error), /already has a deal/);
  });

  it('passes on the relay\'s message for a stage that is not in the pipeline', async () => {
    relay().post('/v1/deals').reply(422, relayError('request.invalid', 'body.stage_id: pipeline "Sales Pipeline" has no stage "x"'));
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { lead_id: 'lead_01HZX3', stage_id: 'x' } })));
    assert.match(messageOf(error), /has no stage/);
  });
});
