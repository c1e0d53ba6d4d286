import type { CrmContact } from '../schemas/crm';

/** The rule of the detection cascade that decided (crm-sync.md: email → phone → name + company). */
export type DedupRule = 'email' | 'phone' | 'name_company' | 'none';

export interface DedupDecision {
  outcome: 'match' | 'review' | 'no_match';
  rule: DedupRule;
  /** 0..1: how sure the matcher is that `record` is the same person. */
  score: number;
  /** The best candidate (for match and review). */
  record?: CrmContact;
  /** Human-readable evidence, for the sync log and the review queue ("email equal", "nickname Bill = William"). */
  evidence: string[];
}

export const noMatch: DedupDecision = { outcome: 'no_match', rule: 'none', score: 0, evidence: [] };
