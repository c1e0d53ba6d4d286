import type { CrmContact } from '../schemas/crm';
import type { Lead } from '../schemas/events';
import type { NameFrequencies, RareNameWeights } from './name-frequency';
import { comparePersonNames } from './names';
import { compareCompanies } from './evidence';
import { prepareSubject, scoreCandidate, type CandidateScore, type PreparedSubject } from './score';
import { dedupSubjectFromContact, dedupSubjectFromLead, type DedupSubject } from './subject';
import type { DedupDecision, DedupRule } from './types';

export interface DedupOptions {
  /** ISO 3166 alpha-2 region for phone numbers written without a country code (workspace setting). */
  defaultRegion: string;
  /** Evidence weight (log2 odds) from which the best candidate is merged automatically. */
  matchThreshold?: number;
  /** Evidence weight from which the best candidate goes to human review. */
  reviewThreshold?: number;
  /** How far ahead of the runner-up a match must be; closer calls go to review. */
  ambiguityMargin?: number;
  /** Name counts of the whole CRM (countNames): a rare full name shared exactly counts more. Optional. */
  nameFrequencies?: NameFrequencies;
  /** Overrides rareNameWeights (benchmark sweeps). */
  rareNameWeights?: Readonly<RareNameWeights>;
}

export const defaultDedupThresholds = { matchThreshold: 11, reviewThreshold: 7, ambiguityMargin: 3 } as const;

/** score = probability that the candidate is the person, under a prior of 1 in 2^8: weight 11 → 0.89, 7 → 0.33. */
const priorLog2Odds = -8;
const toScore = (weight: number): number => Number((1 / (1 + 2 ** -(weight + priorLog2Odds))).toFixed(4));

interface Scored extends CandidateScore {
  record: CrmContact;
  rule: DedupRule;
}

/** Two records are "different people" when their names (or, lacking names, companies) clearly disagree. */
function differentPeople(a: DedupSubject, b: DedupSubject): boolean {
  const names = comparePersonNames(a, b);
  if (names.first !== 'missing' || names.last !== 'missing') return names.first === 'different' || names.last === 'different';
  return compareCompanies(a.company, b.company) === 'different';
}

/** E.164 numbers that candidates of clearly different people share: a switchboard is not a person. */
function sharedPhones(candidates: PreparedSubject[]): Set<string> {
  const byPhone = new Map<string, PreparedSubject[]>();
  for (const candidate of candidates) {
    if (candidate.e164 === null) continue;
    byPhone.set(candidate.e164, [...(byPhone.get(candidate.e164) ?? []), candidate]);
  }
  const shared = new Set<string>();
  for (const [phone, holders] of byPhone) {
    if (holders.some((a, i) => holders.slice(i + 1).some((b) => differentPeople(a, b)))) shared.add(phone);
  }
  return shared;
}

/** Which step of the cascade (email exact → phone normalised → name + company fuzzy) anchors this candidate. */
function ruleOf(score: CandidateScore, phoneShared: boolean): DedupRule {
  if (score.agreements.email === 'exact') return 'email';
  if (score.agreements.phone === 'exact' && !phoneShared) return 'phone';
  return 'name_company';
}

const ruleOrder: Record<DedupRule, number> = { email: 0, phone: 1, name_company: 2, none: 3 };

/** Decides whether `subject` is already one of `candidates` (CRM records found by blocking keys). Pure. */
export function decideDuplicateForSubject(
  subject: DedupSubject,
  candidates: readonly CrmContact[],
  options: DedupOptions,
): DedupDecision {
  const { matchThreshold, reviewThreshold, ambiguityMargin } = { ...defaultDedupThresholds, ...options };
  const lead = prepareSubject(subject, options.defaultRegion);
  // Several searches (email, phone, name) often return the same record: score it once.
  const unique = [...new Map(candidates.map((record) => [record.id, record])).values()];
  const prepared = unique.map((record) => ({
    record,
    subject: prepareSubject(dedupSubjectFromContact(record), options.defaultRegion),
  }));
  const shared = sharedPhones(prepared.map((candidate) => candidate.subject));

  const scored: Scored[] = prepared.map(({ record, subject: candidate }) => {
    const phoneShared = candidate.e164 !== null && shared.has(candidate.e164);
    const score = scoreCandidate(lead, candidate, {
      phoneShared,
      nameFrequencies: options.nameFrequencies,
      rareNameWeights: options.rareNameWeights,
    });
    return { ...score, record, rule: ruleOf(score, phoneShared) };
  });
  scored.sort((a, b) => b.weight - a.weight || ruleOrder[a.rule] - ruleOrder[b.rule]);

  const [best, runnerUp] = scored;
  if (best === undefined) return { outcome: 'no_match', rule: 'none', score: 0, evidence: ['no candidate records'] };
  const decision = { rule: best.rule, score: toScore(best.weight), record: best.record, evidence: best.evidence };

  if (best.weight >= matchThreshold) {
    if (runnerUp !== undefined && best.weight - runnerUp.weight < ambiguityMargin) {
      const note = `record ${runnerUp.record.id} matches almost as well`;
      return { ...decision, outcome: 'review', evidence: [...best.evidence, note] };
    }
    return { ...decision, outcome: 'match' };
  }
  if (best.weight >= reviewThreshold) return { ...decision, outcome: 'review' };
  // An unshared phone or an exact email on a record that disagrees on the name is the same line or inbox in
  // other hands, or the same person renamed: never a match on its own, never silently a new record either.
  const anchored = scored.find((candidate) => candidate.rule !== 'name_company');
  if (anchored !== undefined) {
    const { rule, weight, record, evidence } = anchored;
    return { outcome: 'review', rule, score: toScore(weight), record, evidence };
  }
  return { outcome: 'no_match', rule: 'none', score: decision.score, evidence: best.evidence };
}

/** Decides whether a Synaptiq lead is already one of the CRM `candidates`: match, review or no_match. Pure. */
export function decideDuplicate(lead: Lead, candidates: readonly CrmContact[], options: DedupOptions): DedupDecision {
  return decideDuplicateForSubject(dedupSubjectFromLead(lead), candidates, options);
}
