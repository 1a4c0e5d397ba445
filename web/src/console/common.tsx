// Small helpers the console's pages share: running an action with its busy state and the API's
// refusal, and showing that refusal (detail, then each field's message).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../shared/api';
import { t } from '../shared/i18n';
import { Button, Dialog, errorText, Notice } from '../shared/ui';

export interface Action {
  busy: boolean;
  error: unknown;
  /** The field errors of the last refusal (422 validation), by field path. */
  fieldErrors: Record<string, string>;
  done: string;
  run: (fn: () => Promise<unknown>, doneText?: string) => Promise<boolean>;
  clear: () => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const run = async (fn: () => Promise<unknown>, doneText = '') => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await fn();
      setDone(doneText);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  const fieldErrors = error instanceof ApiError ? error.errors : {};
  return { busy, error, fieldErrors, done, run, clear: () => (setError(null), setDone('')) };
}

/** The API's refusal in words: its detail, and the field messages the form does not show itself. */
export function ProblemNotice({ error, shownFields = [], onReload }: { error: unknown; shownFields?: string[]; onReload?: () => void }) {
  if (!error) return null;
  const extra =
    error instanceof ApiError ? Object.entries(error.errors).filter(([field]) => !shownFields.includes(field)) : [];
  const stale = error instanceof ApiError && error.status === 412;
  return (
    <Notice kind="error" title={errorText(error)}>
      {extra.length > 0 && (
        <ul class="problem-fields">
          {extra.map(([field, message]) => (
            <li key={field}>
              <code>{field}</code>: {message}
            </li>
          ))}
        </ul>
      )}
      {stale && onReload && (
        <Button onClick={onReload}>{t('console.reload')}</Button>
      )}
    </Notice>
  );
}

export function Done({ text }: { text: string }) {
  if (!text) return null;
  return <Notice kind="success">{text}</Notice>;
}

/** A section of a page with an h2 (headings in order: the page's h1, then these). */
export function Section({ title, id, children, class: cls, actions }: { title: ComponentChildren; id?: string; children?: ComponentChildren; class?: string; actions?: ComponentChildren }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section class={`panel${cls ? ` ${cls}` : ''}`} aria-labelledby={headingId} id={id}>
      <div class="panel__header">
        <h2 id={headingId}>{title}</h2>
        {actions && <div class="panel__actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export function YesNo({ value }: { value: boolean }) {
  return <span>{value ? t('common.yes') : t('common.no')}</span>;
}

/** A button that asks first, in a dialog, before doing something that cannot be undone. */
export function ConfirmButton(props: {
  label: string;
  title: string;
  text?: ComponentChildren;
  confirmLabel?: string;
  busy?: boolean;
  variant?: 'danger' | 'primary' | 'secondary';
  onConfirm: () => void | Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={props.variant ?? 'danger'} busy={props.busy} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={props.title}
        footer={
          <>
            <Button
              variant={props.variant ?? 'danger'}
              onClick={async () => {
                setOpen(false);
                await props.onConfirm();
              }}
            >
              {props.confirmLabel ?? props.label}
            </Button>{' '}
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
          </>
        }
      >
        {props.text ?? <p>{t('console.confirm.cannot_undo')}</p>}
      </Dialog>
    </>
  );
}
