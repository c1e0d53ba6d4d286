import assert from 'node:assert/strict';
import { leadView } from '../fixtures';
import { appTester, bundleWith, performOf, messageOf, relay, relayError, rejectionOf, useNock } from '../helpers';

const perform = performOf<Record<string, unknown>>('creates', 'create_lead');
const dedup = { outcome: 'match', rule: 'email', score: 1, matched_record_id: '51', evidence: ['email equal'] };

describe('Zapier Create Lead', () => {
  useNock();

  it('sends the lead with its company nested and numbers as numbers', async () => {
    relay()
      .post('/v1/leads', {
        name: 'Ada Lovelace',
        email: 'ada@analytical.example',
        score: 87,
        pain_points: ['manual data entry'],
        company: { name: 'Analytical Engines Ltd', size: '51-200' },
      })
      .reply(201, { lead: leadView(), event_id: 'evt_api_1', dedup: null });
    const inputData = { name: 'Ada Lovelace', email: 'ada@analytical.example', score: '87', pain_points: ['manual data entry'], company_name: 'Analytical Engines Ltd', company_size: '51-200', phone: '' };
    const result = await appTester(perform, bundleWith({ inputData }));
    assert.equal((result as { event_id: string }).event_id, 'evt_api_1');
  });

  it('returns the dedup decision with the lead', async () => {
    relay().post('/v1/leads').reply(201, { lead: leadView({ dedup }), event_id: 'evt_api_1', dedup });
    const result = await appTester(perform, bundleWith({ inputData: { name: 'Ada Lovelace' } }));
    assert.deepEqual((result as { dedup: unknown }).dedup, dedup);
    assert.equal((result as { id: string }).id, 'lead_01HZX3');
  });

  it('says which field is wrong before calling the relay', async () => {
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { name: 'Ada', score: '250' } })));
    assert.match(messageOf(error), /score/);
  });

  it('requires a name', async () => {
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { email: 'ada@analytical.example' } })));
    assert.match(messageOf(error), /name/);
  });

  it('passes on the relay\'s validation message', async () => {
    relay().post('/v1/leads').reply(422, relayError('request.invalid', 'The lead is invalid: body.email: too long'));
    const error = await rejectionOf(appTester(perform, bundleWith({ inputData: { name: 'Ada' } })));
    assert.match(messageOf(error), /body\.email: too long/);
  });
});
