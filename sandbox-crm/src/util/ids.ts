import { randomUUID } from 'node:crypto';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** Salesforce's 3-character case-safe suffix that turns a 15-character id into 18 characters. */
export function salesforceIdSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const ch = id15.charAt(chunk * 5 + i);
      if (ch >= 'A' && ch <= 'Z') flags |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(flags);
  }
  return suffix;
}

/** An 18-character Salesforce id: key prefix, pod "5g", then a zero-padded counter. */
export function salesforceId(keyPrefix: string, counter: number): string {
  const body = `${keyPrefix}5g${counter.toString(36).toUpperCase().padStart(10, '0')}`.slice(0, 15);
  return body + salesforceIdSuffix(body);
}

/** Salesforce accepts 15- and 18-character ids; the first 15 characters identify the record. */
export function salesforceIdKey(id: string): string {
  return id.slice(0, 15);
}

export function correlationId(): string {
  return randomUUID();
}

export function randomToken(prefix: string): string {
  return `${prefix}${randomUUID().replace(/-/g, '')}`;
}
