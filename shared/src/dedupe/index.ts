/** The public face of duplicate detection; the weights and comparisons behind it stay internal. */
export { emailEvidenceKey, isRoleAddress, normalizeCompanyName, normalizeEmail, normalizePhone } from './normalize';
export { decideDuplicate, decideDuplicateForSubject, defaultDedupThresholds, type DedupOptions } from './decide';
export { candidateQueryFromLead, leadBlockingKeys, recordBlockingKeys, type BlockingKey } from './blocking';
export { dedupSubjectFromContact, dedupSubjectFromLead, type DedupSubject } from './subject';
export { areNicknames } from './nicknames';
export { countNames, rareNameWeights, type NameFrequencies, type RareNameWeights } from './name-frequency';
