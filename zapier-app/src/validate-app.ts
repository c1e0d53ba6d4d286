import zapier from 'zapier-platform-core';

interface ValidateEvent {
  command: 'validate';
  calledFromCli: boolean;
}
type AppHandler = (event: ValidateEvent) => Promise<{ results: unknown }>;

/**
 * Zapier's schema validation of an app definition, offline (what `zapier-platform validate --without-style`
 * runs). core exports createAppHandler at runtime but not in its typings, hence the one narrowed cast.
 */
export async function validateApp(app: object): Promise<unknown[]> {
  const createAppHandler = (zapier as unknown as { createAppHandler(app: object): AppHandler }).createAppHandler;
  const { results } = await createAppHandler(app)({ command: 'validate', calledFromCli: true });
  if (!Array.isArray(results)) throw new Error(`Zapier's validator answered ${JSON.stringify(results)} instead of a list of problems.`);
  return results;
}
