import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../../relay/src/config';
import { deliveryOptionsFromEnv, deliveryOptionsSchema } from '../../../relay/src/delivery';

describe('outbound hook settings', () => {
  it('refuses private targets and disables after 5 days unless told otherwise', () => {
    const options = deliveryOptionsSchema.parse(deliveryOptionsFromEnv(loadConfig({})));
    assert.deepEqual({ allow: options.allowPrivateTargets, disableAfterMs: options.disableAfterMs }, { allow: false, disableAfterMs: 5 * 86_400_000 });
  });

  it('reads HOOKS_ALLOW_PRIVATE_TARGETS and HOOKS_DISABLE_AFTER_DAYS', () => {
    const options = deliveryOptionsFromEnv(loadConfig({ HOOKS_ALLOW_PRIVATE_TARGETS: 'true', HOOKS_DISABLE_AFTER_DAYS: '2' }));
    assert.deepEqual(options, { allowPrivateTargets: true, disableAfterMs: 2 * 86_400_000 });
  });

  it('names HOOKS_ALLOW_PRIVATE_TARGETS when it is neither true nor false', () => {
    assert.throws(
      () => loadConfig({ HOOKS_ALLOW_PRIVATE_TARGETS: 'yes' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((problem) => problem.variable === 'HOOKS_ALLOW_PRIVATE_TARGETS'),
    );
  });

  it('times an attempt out after 15 seconds', () => {
    assert.equal(deliveryOptionsSchema.parse({}).timeoutMs, 15_000);
  });
});
