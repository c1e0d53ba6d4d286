import type { Params } from './database';

export type Condition = readonly [sql: string, params: Params];

/** A WHERE clause of only the filters given, so the planner can pick the index that fits each combination. */
export function whereAll(conditions: Array<Condition | false | undefined>): { where: string; params: Params } {
  const present = conditions.filter((condition): condition is Condition => Array.isArray(condition));
  return {
    where: present.map(([sql]) => sql).join(' AND '),
    params: present.reduce<Params>((all, [, params]) => ({ ...all, ...params }), {}),
  };
}
