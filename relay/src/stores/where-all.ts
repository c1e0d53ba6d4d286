export type Condition<P> = readonly [sql: string, params: P];

/**
 * A WHERE clause of only the filters given, so the database can pick the index that fits each combination
 * (an `(:x IS NULL OR col = :x)` form would defeat the indexes). Shared by the SQLite and PostgreSQL stores.
 */
export function whereAll<P extends Record<string, unknown>>(conditions: Array<Condition<P> | false | undefined>): { where: string; params: P } {
  const present = conditions.filter((condition): condition is Condition<P> => Array.isArray(condition));
  return {
    where: present.map(([sql]) => sql).join(' AND '),
    params: present.reduce<P>((all, [, params]) => ({ ...all, ...params }), {} as P),
  };
}
