import { compareCompanies, compareEmails, comparePhones } from './evidence';
import type { CompanyAgreement, EmailAgreement, PhoneAgreement } from './evidence';
import { rareFullNameBonus, type NameFrequencies, type RareNameWeights } from './name-frequency';
import { comparePersonNames, type NameAgreement } from './names';
import { normalizePhone } from './normalize';
import type { DedupSubject } from './subject';

/**
 * Fellegi-Sunter style evidence weights, in log2 of "how much likelier is this if it is the same person".
 * Agreement on a rare, personal field counts much; disagreement counts against, but less where the field
 * legitimately changes (surnames on marriage, new phone numbers). Hand-set, then checked on FEBRL dataset1,
 * the tuning set (npm run bench:dedup -- --sweep); see docs/performance.md.
 */
export const evidenceWeights = {
  email: { exact: 14, role_exact: 1, same_mailbox: 9, similar: 4, missing: 0, different: -2 },
  phone: { exact: 10, one_typo: 5, missing: 0, different: -3 },
  /** A number several different people in the CRM share (switchboard, reception): barely evidence. */
  sharedPhone: 1,
  firstName: { exact: 4, nickname: 3.5, fuzzy: 3, phonetic: 2, initial: 1, missing: 0, different: -3 },
  lastName: { exact: 6, nickname: 4, fuzzy: 4, phonetic: 3, initial: 1, missing: 0, different: -1.5 },
  transposedNames: -0.5,
  company: { exact: 3, similar: 2, missing: 0, different: -1 },
} satisfies {
  email: Record<EmailAgreement, number>;
  phone: Record<PhoneAgreement, number>;
  sharedPhone: number;
  firstName: Record<NameAgreement, number>;
  lastName: Record<NameAgreement, number>;
  transposedNames: number;
  company: Record<CompanyAgreement, number>;
};

export interface FieldAgreements {
  email: EmailAgreement;
  phone: PhoneAgreement;
  firstName: NameAgreement;
  lastName: NameAgreement;
  transposedNames: boolean;
  company: CompanyAgreement;
}

export interface CandidateScore {
  weight: number;
  agreements: FieldAgreements;
  evidence: string[];
}

/** A subject with its phone already in E.164, so each comparison does not parse it again. */
export interface PreparedSubject extends DedupSubject {
  e164: string | null;
}

export function prepareSubject(subject: DedupSubject, defaultRegion: string): PreparedSubject {
  return { ...subject, e164: normalizePhone(subject.phone, defaultRegion) };
}

export function compareSubjects(lead: PreparedSubject, record: PreparedSubject): FieldAgreements {
  const names = comparePersonNames(lead, record);
  return {
    email: compareEmails(lead.email, record.email),
    phone: comparePhones(lead.e164, record.e164),
    firstName: names.first,
    lastName: names.last,
    transposedNames: names.transposed,
    company: compareCompanies(lead.company, record.company),
  };
}

const describe = {
  email: { exact: 'email equal', role_exact: 'same shared mailbox (role address): not proof of a person',
    same_mailbox: 'email reaches the same mailbox (dots or +tag differ)', similar: 'email looks like a typo of the other',
    different: 'emails differ' },
  phone: { exact: 'phone equal', one_typo: 'phone differs by one digit', different: 'phones differ' },
  company: { exact: 'company equal', similar: 'company similar', different: 'companies differ' },
} as const;

function nameEvidence(part: 'first name' | 'last name', agreement: NameAgreement, lead?: string | null, record?: string | null): string | null {
  if (agreement === 'missing') return null;
  const pair = `${lead ?? ''} / ${record ?? ''}`;
  return agreement === 'different' ? `${part}s differ (${pair})` : `${part} ${agreement} (${pair})`;
}

/** What the CRM as a whole tells about a candidate beyond its own fields. */
export interface ScoringContext {
  /** Several different people in the CRM use the candidate's number. */
  phoneShared: boolean;
  /** Name counts of the CRM, for the rare-name weight; without them names weigh the same whatever they are. */
  nameFrequencies?: NameFrequencies | undefined;
  rareNameWeights?: Readonly<RareNameWeights> | undefined;
}

/** Name agreements that still say "the same name": a typo or a nickname on one part, never on both. */
const sameNameLevels: ReadonlySet<NameAgreement> = new Set(['exact', 'nickname', 'fuzzy']);

/**
 * A full name both records share (either way round, at most one part misspelt or a nickname) weighs more the
 * fewer people in the CRM have the record's name.
 */
function rareNameWeight(agreements: FieldAgreements, record: PreparedSubject, context: ScoringContext): number {
  const { firstName, lastName } = agreements;
  const bothSame = sameNameLevels.has(firstName) && sameNameLevels.has(lastName);
  if (!bothSame || (firstName !== 'exact' && lastName !== 'exact')) return 0;
  return rareFullNameBonus(record.firstName ?? '', record.lastName ?? '', context.nameFrequencies, context.rareNameWeights);
}

/** Weighs one candidate against the lead. */
export function scoreCandidate(lead: PreparedSubject, record: PreparedSubject, context: ScoringContext): CandidateScore {
  const { phoneShared } = context;
  const agreements = compareSubjects(lead, record);
  const rareName = rareNameWeight(agreements, record, context);
  const phoneWeight = agreements.phone === 'exact' && phoneShared
    ? evidenceWeights.sharedPhone
    : evidenceWeights.phone[agreements.phone];
  const weight =
    evidenceWeights.email[agreements.email] +
    phoneWeight +
    evidenceWeights.firstName[agreements.firstName] +
    evidenceWeights.lastName[agreements.lastName] +
    (agreements.transposedNames ? evidenceWeights.transposedNames : 0) +
    evidenceWeights.company[agreements.company] +
    rareName;

  const [recordFirst, recordLast] = agreements.transposedNames
    ? [record.lastName, record.firstName]
    : [record.firstName, record.lastName];
  const evidence = [
    agreements.email === 'missing' ? null : describe.email[agreements.email],
    agreements.phone === 'missing' ? null : describe.phone[agreements.phone],
    agreements.phone === 'exact' && phoneShared ? 'phone shared by different people in the CRM: not proof on its own' : null,
    agreements.transposedNames ? 'first and last name transposed' : null,
    nameEvidence('first name', agreements.firstName, lead.firstName, recordFirst),
    nameEvidence('last name', agreements.lastName, lead.lastName, recordLast),
    rareName > 0 ? `full name rare in the CRM (+${rareName})` : null,
    agreements.company === 'missing' ? null : describe.company[agreements.company],
  ].filter((line): line is string => line !== null);
  return { weight, agreements, evidence };
}
