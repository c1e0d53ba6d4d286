/**
 * Loads the public record-linkage sets of ../shared/data/dedup (see its README for sources and licences) as
 * dedup scenarios: a fixed CRM, incoming leads, and for each lead the CRM record that is truly the same
 * entity (null for a new person). The benchmark may read ../shared; unit tests never do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CrmContact, DedupSubject } from '@synaptiq/shared';

export interface LabelledLead {
  id: string;
  subject: DedupSubject;
  /** The CRM record id of the same entity, or null when the lead is new. */
  truthId: string | null;
}

export interface Scenario {
  name: string;
  description: string;
  defaultRegion: string;
  crm: CrmContact[];
  leads: LabelledLead[];
}

type Row = Record<string, string>;

/** These files have no quoted fields (checked below), so a plain split is exact. */
function readCsv(path: string): Row[] {
  const [header, ...lines] = readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '');
  if (header === undefined) return [];
  if (lines.some((line) => line.includes('"'))) throw new Error(`${path} has quoted fields: use a CSV parser`);
  const columns = header.split(',').map((column) => column.trim());
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(columns.map((column, i) => [column, (cells[i] ?? '').trim()]));
  });
}

const field = (row: Row, name: string): string => row[name] ?? '';

function contact(id: string, subject: DedupSubject): CrmContact {
  return { id, ...subject, properties: {} };
}

/** soc_sec_id stands in for a phone: 7 digits after "041" make a valid Australian mobile (0412 345 678). */
function australianMobile(socSecId: string): string {
  const digits = `041${socSecId}`;
  return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
}

/** FEBRL ids are rec-<person>-org / rec-<person>-dup-<k>. */
const febrlPerson = (recId: string): number => Number(recId.split('-')[1]);

function febrlSubject(row: Row): DedupSubject {
  return {
    firstName: field(row, 'given_name'),
    lastName: field(row, 'surname'),
    phone: australianMobile(field(row, 'soc_sec_id')),
  };
}

/**
 * The CRM holds the originals of even-numbered people (a fixed half); every duplicate comes in as a lead,
 * so half the leads are people the CRM already has and half are new.
 */
function febrlScenario(name: string, description: string, originals: Row[], duplicates: Row[]): Scenario {
  const crm = originals
    .filter((row) => febrlPerson(field(row, 'rec_id')) % 2 === 0)
    .map((row) => contact(field(row, 'rec_id'), febrlSubject(row)));
  const inCrm = new Map(crm.map((record) => [febrlPerson(record.id), record.id]));
  const leads = duplicates.map((row) => ({
    id: field(row, 'rec_id'),
    subject: febrlSubject(row),
    truthId: inCrm.get(febrlPerson(field(row, 'rec_id'))) ?? null,
  }));
  return { name, description, defaultRegion: 'AU', crm, leads };
}

/**
 * FEBRL 4 with only some of its leads (same CRM): the leads of people numbered 0 or 1 mod 4 tune the weights, those
 * numbered 2 or 3 mod 4 are held out. Each half has 1,250 people the CRM holds and 1,250 new ones.
 */
export function febrl4Half(scenario: Scenario, half: 'tuning' | 'held-out'): Scenario {
  const inHalf = (lead: LabelledLead): boolean => (febrlPerson(lead.id) % 4 < 2) === (half === 'tuning');
  return {
    ...scenario,
    name: `febrl4 ${half} half`,
    description: `${scenario.description}; only the leads of the ${half} half`,
    leads: scenario.leads.filter(inHalf),
  };
}

export function febrl4(dataDir: string): Scenario {
  return febrlScenario(
    'febrl4',
    'FEBRL 4: 2,500 originals (4a) in the CRM, 5,000 duplicates (4b) as leads',
    readCsv(join(dataDir, 'febrl/dataset4a.csv')),
    readCsv(join(dataDir, 'febrl/dataset4b.csv')),
  );
}

/** FEBRL dataset1: a different sample from the same generator, used to tune weights and thresholds. */
export function febrl1(dataDir: string): Scenario {
  const rows = readCsv(join(dataDir, 'febrl/dataset1.csv'));
  const isOriginal = (row: Row): boolean => field(row, 'rec_id').endsWith('-org');
  return febrlScenario(
    'febrl1 (tuning)',
    'FEBRL 1: originals of even-numbered people in the CRM, every duplicate as a lead',
    rows.filter(isOriginal),
    rows.filter((row) => !isOriginal(row)),
  );
}

function splinkSubject(row: Row): DedupSubject {
  return { firstName: field(row, 'first_name'), lastName: field(row, 'surname'), email: field(row, 'email') };
}

const filled = (row: Row): number => ['first_name', 'surname', 'email'].filter((name) => field(row, name) !== '').length;

/**
 * splink fake_1000: for even-numbered clusters the CRM holds the most complete record; every other record is a
 * lead (new people: all records of odd clusters). The cluster column is the truth; the labels file is checked
 * against it.
 */
export function splinkFake1000(dataDir: string): Scenario {
  const rows = readCsv(join(dataDir, 'splink/fake_1000.csv'));
  const labels = readCsv(join(dataDir, 'splink/fake_1000_labels.csv'));
  const clusterOf = new Map(rows.map((row) => [field(row, 'unique_id'), field(row, 'cluster')]));
  const disagreements = labels.filter(
    (label) =>
      (clusterOf.get(field(label, 'unique_id_l')) === clusterOf.get(field(label, 'unique_id_r'))) !==
      Number(field(label, 'clerical_match_score')) > 0.5,
  ).length;
  if (disagreements > 0) throw new Error(`fake_1000 labels disagree with clusters on ${disagreements} pairs`);

  const crmRowByCluster = new Map<string, Row>();
  for (const row of rows) {
    const cluster = field(row, 'cluster');
    if (Number(cluster) % 2 !== 0) continue;
    const current = crmRowByCluster.get(cluster);
    if (current === undefined || filled(row) > filled(current)) crmRowByCluster.set(cluster, row);
  }
  const crmRows = new Set(crmRowByCluster.values());
  const crm = [...crmRows].map((row) => contact(`fake-${field(row, 'unique_id')}`, splinkSubject(row)));
  const leads = rows
    .filter((row) => !crmRows.has(row))
    .map((row) => {
      const crmRow = crmRowByCluster.get(field(row, 'cluster'));
      return {
        id: `fake-${field(row, 'unique_id')}`,
        subject: splinkSubject(row),
        truthId: crmRow === undefined ? null : `fake-${field(crmRow, 'unique_id')}`,
      };
    });
  return {
    name: 'splink fake_1000',
    description: `${crm.length} people in the CRM, ${leads.length} other records as leads (emails with typos and blanks)`,
    defaultRegion: 'GB',
    crm,
    leads,
  };
}

/** Restaurants as companies: no person name, so only phone and company name can match. */
function restaurantSubject(row: Row): DedupSubject {
  return { company: field(row, 'name'), phone: field(row, 'phone') };
}

/** Fodors-Zagat: the 533 Fodors listings are the CRM, the 331 Zagat listings the leads (112 true pairs). */
export function fodorsZagat(dataDir: string): Scenario {
  const fodors = readCsv(join(dataDir, 'fodors_zagat/fodors.csv'));
  const zagats = readCsv(join(dataDir, 'fodors_zagat/zagats.csv'));
  const matches = readCsv(join(dataDir, 'fodors_zagat/matches_fodors_zagats.csv'));
  const fodorsIdByZagat = new Map(matches.map((row) => [field(row, 'zagats_id'), `fodors-${field(row, 'fodors_id')}`]));
  return {
    name: 'fodors-zagat',
    description: '533 Fodors restaurants in the CRM, 331 Zagat listings as leads (phones in another format)',
    defaultRegion: 'US',
    crm: fodors.map((row) => contact(`fodors-${field(row, 'id')}`, restaurantSubject(row))),
    leads: zagats.map((row) => ({
      id: `zagat-${field(row, 'id')}`,
      subject: restaurantSubject(row),
      truthId: fodorsIdByZagat.get(field(row, 'id')) ?? null,
    })),
  };
}
