import assert from 'node:assert/strict';
import App from '../../zapier-app/src/index';
import { validateApp } from '../../zapier-app/src/validate-app';

describe('Zapier app schema validation (offline)', () => {
  it('finds no problems in the app definition', async () => {
    assert.deepEqual(await validateApp(App), []);
  });

  it('reports a broken definition, so the check above can fail', async () => {
    const broken = { ...App, triggers: { ...App.triggers, new_lead: { ...App.triggers.new_lead, display: { label: 'x', description: '' } } } };
    const problems = await validateApp(broken);
    assert.ok(problems.some((problem) => JSON.stringify(problem).includes('display')));
  });
});
