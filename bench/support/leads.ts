import { synaptiqEventSchema, type EventType, type SynaptiqEvent } from '@synaptiq/shared';

/**
 * Synthetic Synaptiq webhook events for the benchmarks: lead `n` has its own name, email and company and no
 * phone, so no two leads look alike to the duplicate matcher and every lead is a new CRM record.
 */

export type BenchEventType = Extract<EventType, 'lead.created' | 'lead.qualified' | 'conversation.completed' | 'meeting.booked'>;

/** The life of a lead in bench:sync: created, qualified, a conversation, a meeting. */
export const leadLifecycle: readonly BenchEventType[] = ['lead.created', 'lead.qualified', 'conversation.completed', 'meeting.booked'];

const baseTime = Date.parse('2026-11-26T09:00:00.000Z');

const syllables = ['ba', 'ko', 'mi', 'ru', 'se', 'ta', 'vo', 'ne', 'li', 'da', 'fu', 'go', 'he', 'ji', 'pa', 'zo'];

/** A distinct pronounceable word per number (base-16 digits as syllables), so names never share a search key. */
export function wordFor(n: number, minSyllables = 3): string {
  let word = '';
  let rest = n;
  for (let i = 0; i < minSyllables || rest > 0; i += 1) {
    word += syllables[rest % syllables.length];
    rest = Math.floor(rest / syllables.length);
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function benchLead(n: number, status: 'new' | 'qualified') {
  const first = wordFor(n);
  const last = wordFor(n + 7919, 4);
  return {
    id: `lead_bench_${n}`,
    name: `${first} ${last}`,
    first_name: first,
    last_name: last,
    email: `${first.toLowerCase()}.${last.toLowerCase()}${n}@${wordFor(n, 2).toLowerCase()}${n}.example`,
    company: { name: `${wordFor(n + 104_729, 3)} Industries ${n}`, domain: `${wordFor(n, 2).toLowerCase()}${n}.example`, size: '51-200' },
    qualification_status: status,
    score: n % 101,
    source: 'bench',
  };
}

/** The raw JSON body of one event (what the relay receives), with a unique id per (run, lead, type). */
export function rawBenchEvent(n: number, type: BenchEventType, run = 'r'): Record<string, unknown> {
  const step = leadLifecycle.indexOf(type);
  const lead = benchLead(n, type === 'lead.created' ? 'new' : 'qualified');
  const created = new Date(baseTime + n * 1000 + step * 60_000).toISOString();
  const data: Record<string, unknown> = { lead };
  if (type === 'conversation.completed') {
    data.conversation = {
      id: `conv_bench_${n}`,
      channel: 'web_chat',
      started_at: created,
      ended_at: created,
      summary: `Lead ${n} wants a demo next week.`,
      transcript: [
        { role: 'agent', text: 'Hi! What brings you here today?' },
        { role: 'lead', text: 'We lose leads between chat and CRM.' },
      ],
    };
  }
  if (type === 'meeting.booked') {
    const starts = new Date(baseTime + 7 * 86_400_000 + n * 60_000);
    data.meeting = {
      id: `mtg_bench_${n}`,
      provider: 'calcom',
      title: `Demo with Person${n}`,
      starts_at: starts.toISOString(),
      ends_at: new Date(starts.getTime() + 30 * 60_000).toISOString(),
      status: 'booked',
      attendees: [{ name: lead.name, email: lead.email }],
    };
  }
  return { id: `evt_${run}_${n}_${step}`, type, created_at: created, account_id: 'acc_bench', data };
}

export const benchEvent = (n: number, type: BenchEventType, run?: string): SynaptiqEvent => synaptiqEventSchema.parse(rawBenchEvent(n, type, run));
