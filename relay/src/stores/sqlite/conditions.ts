import type { Params } from './database';

export type Condition = readonly [sql: string, params: Params];

/**
 * A WHERE clause of only the filters given, so SQLite can pick the index that fits each
 * combination (an `(:x IS NULL OR col = :x)` form would defeat the indexes). The number of
 * combinations is small, so the statement cache still holds them all.
 */
export function whereAll(conditions: Array<Condition | false | undefined>): { where: string; params: Params } {
  const present = conditions.filter((condition): condition is Condition => Array.isArray(condition));
  return {
    where: present.map(([sql]) => sql).join(' AND '),
    params: present.reduce<Params>((all, [, params]) => ({ ...all, ...params }), {}),
  };
}
