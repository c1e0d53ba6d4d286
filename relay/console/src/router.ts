import { useEffect, useState } from 'preact/hooks';

/** A tiny history router for /admin/…: the paths of crm-sync.md ("/admin/settings > CRM > Field Mapping"). */

const listeners = new Set<() => void>();

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  for (const listener of listeners) listener();
});

/** The current path and query; re-renders on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((tick) => tick + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return { path: location.pathname.replace(/\/+$/, '') || '/admin', query: new URLSearchParams(location.search) };
}

/** Replaces the query string without adding a history entry (filters). */
export function replaceQuery(query: URLSearchParams): void {
  const text = query.toString();
  history.replaceState(null, '', `${location.pathname}${text ? `?${text}` : ''}`);
}
