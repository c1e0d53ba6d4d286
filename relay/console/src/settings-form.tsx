import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { WorkspaceSettings } from '@synaptiq/shared/schemas/settings';
import { validate } from './forms';
import type { FieldErrors } from './forms';
import { patchSettings } from './settings';
import { ErrorNotice, Notice, useAction } from './ui';

/** Saving one settings page: check the candidate with the API's schema, then PATCH only that page's part. */
export function useSaveSettings<S extends z.ZodType>(schema: S, patchFor: (data: z.infer<S>) => Partial<WorkspaceSettings>) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const action = useAction(async (candidate: unknown) => {
    setSaved(false);
    const checked = validate(schema, candidate);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    await patchSettings(patchFor(checked.data));
    setSaved(true);
  });
  return { ...action, errors, saved, setSaved };
}
export type SaveSettings = ReturnType<typeof useSaveSettings>;

/** A settings card: the fields, then what happened (the error with its fix, or saved), then Save. */
export function SettingsForm(props: { save: SaveSettings; candidate: () => unknown; savedText: string; children: ComponentChildren }) {
  const { save } = props;
  return (
    <form
      class="card"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save.run(props.candidate());
      }}
    >
      {props.children}
      <ErrorNotice error={save.error} title="Not saved." />
      {save.saved && <Notice kind="success">{props.savedText}</Notice>}
      <button type="submit" disabled={save.busy}>
        {save.busy ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
