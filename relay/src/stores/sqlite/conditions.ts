import type { Params } from './database';
import { whereAll as whereAllOf } from '../where-all';
import type { Condition as ConditionOf } from '../where-all';

export type Condition = ConditionOf<Params>;

/** The shared WHERE builder (../where-all.ts) with SQLite's parameter types; the statement cache still holds every combination. */
export const whereAll = (conditions: Array<Condition | false | undefined>): { where: string; params: Params } => whereAllOf<Params>(conditions);
