import { normalizePersonName } from './names';
import type { DedupSubject } from './subject';

/**
 * How common each first and last name is among the people of a CRM. Fellegi and Sunter weigh an agreement by
 * how rarely it happens by chance: two records both called "Kradolfer" are far more telling than two "Smith"s.
 * The caller counts (from a CRM snapshot, or the CRM's own search totals); dedup only reads the counts.
 */
export interface NameFrequencies {
  /** People counted. */
  people: number;
  /** Normalised first name (normalizePersonName) → people with it. */
  firstNames: ReadonlyMap<string, number>;
  /** Normalised last name → people with it. */
  lastNames: ReadonlyMap<string, number>;
}

function countInto(counts: Map<string, number>, raw: string | null | undefined): void {
  const name = normalizePersonName(raw);
  if (name !== '') counts.set(name, (counts.get(name) ?? 0) + 1);
}

/** Counts the names of `people` (for example every contact of the CRM). Pure. */
export function countNames(people: Iterable<DedupSubject>): NameFrequencies {
  const firstNames = new Map<string, number>();
  const lastNames = new Map<string, number>();
  let count = 0;
  for (const person of people) {
    count += 1;
    countInto(firstNames, person.firstName);
    countInto(lastNames, person.lastName);
  }
  return { people: count, firstNames, lastNames };
}

/**
 * The namesake rate (expected people in the CRM with one full name, log2) at and above which a full name earns
 * nothing beyond the fixed name weights, and the largest extra weight a rare one earns. Set on FEBRL dataset1 and
 * the tuning half of FEBRL 4's leads (npm run bench:dedup -- --sweep); see docs/performance.md.
 */
export interface RareNameWeights {
  referenceLog2Namesakes: number;
  maxBonus: number;
}

export const rareNameWeights: Readonly<RareNameWeights> = { referenceLog2Namesakes: -3, maxBonus: 5 };

/**
 * Extra evidence weight (log2 odds) for a full name that both records share exactly, by how few people in the CRM
 * have it: the expected number of namesakes, people × P(first) × P(last), against a reference rate. A record
 * counts itself, so a name held by nobody else still has one holder. 0 without counts, or for a common name.
 */
export function rareFullNameBonus(
  firstName: string,
  lastName: string,
  frequencies: NameFrequencies | undefined,
  weights: Readonly<RareNameWeights> = rareNameWeights,
): number {
  if (frequencies === undefined || frequencies.people === 0) return 0;
  const first = Math.max(1, frequencies.firstNames.get(normalizePersonName(firstName)) ?? 0);
  const last = Math.max(1, frequencies.lastNames.get(normalizePersonName(lastName)) ?? 0);
  const log2Namesakes = Math.log2((first * last) / frequencies.people);
  const bonus = weights.referenceLog2Namesakes - log2Namesakes;
  return Math.min(weights.maxBonus, Math.max(0, Number(bonus.toFixed(2))));
}
