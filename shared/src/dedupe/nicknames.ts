import { nicknameLines } from './nickname-data';

/** Each given name with the names it is directly related to, in both directions ("bill" ↔ "william"). */
function buildRelatedNames(): Map<string, Set<string>> {
  const related = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    const names = related.get(a) ?? new Set<string>();
    names.add(b);
    related.set(a, names);
  };
  for (const line of nicknameLines.split('\n')) {
    const [name, nicknames] = line.split(':');
    if (name === undefined || nicknames === undefined) continue;
    for (const nickname of nicknames.split(' ')) {
      link(name, nickname);
      link(nickname, name);
    }
  }
  return related;
}

let relatedNames: Map<string, Set<string>> | undefined;

/**
 * True when one name is a listed nickname of the other (Bill = William, Peggy = Margaret).
 * Only direct links count: "Al" is Albert and Alfred, but that does not make Albert Alfred.
 * Expects lowercase names as returned by normalizeGivenName.
 */
export function areNicknames(a: string, b: string): boolean {
  if (a === '' || b === '' || a === b) return false;
  relatedNames ??= buildRelatedNames();
  return relatedNames.get(a)?.has(b) ?? false;
}
