import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { validate } from './forms';
import type { FieldErrors } from './forms';

/**
 * A filtered, paged list (Sync Log, Leads): the filters as typed, the filters applied (checked with the API's
 * query schema first), and the cursors of the pages before this one, for Previous.
 */
export function useFilteredList<T extends Record<string, string>>(schema: z.ZodType, initial: T, onApply?: (applied: T) => void) {
  const [draft, setDraft] = useState<T>(initial);
  const [applied, setApplied] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const apply = (event: Event) => {
    event.preventDefault();
    const checked = validate(schema, Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== '')));
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setCursors([]);
    setApplied(draft);
    onApply?.(draft);
  };
  return {
    draft,
    set: (name: keyof T, value: string) => setDraft({ ...draft, [name]: value }),
    applied,
    errors,
    apply,
    cursor: cursors[cursors.length - 1],
    pages: { hasPrevious: cursors.length > 0, previous: () => setCursors(cursors.slice(0, -1)), next: (cursor: string) => setCursors([...cursors, cursor]) },
  };
}

export function Pager(props: { pages: ReturnType<typeof useFilteredList>['pages']; nextCursor: string | null }) {
  const { pages, nextCursor } = props;
  return (
    <div class="pager">
      <button type="button" class="secondary" disabled={!pages.hasPrevious} onClick={pages.previous}>
        Previous
      </button>
      <button type="button" class="secondary" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next
      </button>
    </div>
  );
}
