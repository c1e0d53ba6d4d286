import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeError } from './api';
import { navigate } from './router';

/** Shared building blocks: labelled fields, notices that say what to do, loading and async helpers. */

export function Page(props: { title: string; intro?: ComponentChildren; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Moves focus to the new page's heading so screen readers announce the page change.
  useEffect(() => heading.current?.focus(), [props.title]);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {props.intro && <p class="intro">{props.intro}</p>}
      {props.children}
    </section>
  );
}

export function Field(props: { id: string; label: string; hint?: ComponentChildren; error?: string | undefined; children: ComponentChildren }) {
  return (
    <div class={`field${props.error ? ' has-error' : ''}`}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** aria attributes tying an input to its hint and error. */
export const described = (id: string, hint: boolean, error: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined,
});

export function Notice(props: { kind: 'error' | 'success' | 'info' | 'warning'; title?: string; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      {props.title && <strong>{props.title} </strong>}
      {props.children}
    </div>
  );
}

/** An error as the relay worded it, plus the documented fix for its code. */
export function ErrorNotice(props: { error: unknown; title?: string }) {
  if (props.error === null || props.error === undefined) return null;
  const { message, fix } = describeError(props.error);
  return (
    <Notice kind="error" {...(props.title ? { title: props.title } : {})}>
      {message}
      {fix && <span class="fix"> {fix}</span>}
    </Notice>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" /> {props.label ?? 'Loading…'}
    </p>
  );
}

export function Link(props: { href: string; children: ComponentChildren; class?: string; current?: boolean }) {
  return (
    <a
      href={props.href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads data when the inputs change; `reload` runs it again. */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...inputs, tick]);
  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { ...state, reload };
}

/** Runs one action at a time (a button's click), remembering its result and error. */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [data, setData] = useState<R | undefined>(undefined);
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      const result = await action(...args);
      setData(() => result);
      return result;
    } catch (caught) {
      setError(caught);
      setData(undefined);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, setError, data };
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function StatusBadge(props: { status: string }) {
  return <span class={`badge badge-${props.status.replace(/[^a-z_]/g, '')}`}>{props.status.replace(/_/g, ' ')}</span>;
}
