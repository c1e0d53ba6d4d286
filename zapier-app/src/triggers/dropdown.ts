import type { Bundle, ZObject } from 'zapier-platform-core';

/** Items per dropdown page (Zapier asks for the next page while the user scrolls). */
export const dropdownPageSize = 100;

/** A hidden polling trigger that fills a dynamic dropdown (`canPaginate`: Zapier sends bundle.meta.page). */
export function dropdownTrigger<T extends { id: string }>(spec: {
  key: string;
  noun: string;
  label: string;
  description: string;
  perform(z: ZObject, bundle: Bundle): Promise<T[]>;
}) {
  return {
    key: spec.key,
    noun: spec.noun,
    display: { label: spec.label, description: spec.description, hidden: true },
    operation: { type: 'polling' as const, canPaginate: true, perform: spec.perform },
  };
}

/** One page of a list the relay answers whole (pipelines, owners): page N of `dropdownPageSize`. */
export const pageOfList = <T>(items: T[], bundle: Bundle): T[] => {
  const page = Math.max(0, Number(bundle.meta?.page ?? 0));
  return items.slice(page * dropdownPageSize, (page + 1) * dropdownPageSize);
};
