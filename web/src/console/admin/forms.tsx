// Building blocks of the admin pages: SLA targets by severity, the list page (header, table) and
// the edit page (picking the record, save and delete buttons, the outcome below the form).
import type { ComponentChildren, JSX } from 'preact';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { clockLabel, severityLabel } from '../../shared/labels';
import type { Resource } from '../../shared/resource';
import { Link, navigate } from '../../shared/router';
import { Button, ButtonLink, DataTable, Loading, Notice, type DataTableProps } from '../../shared/ui';
import { ConfirmButton, Done, ProblemNotice, type Action } from '../common';
import type { Page, TargetsJson } from '../types';

export const SEVERITIES = ['critical', 'moderate', 'minimal'] as const;
export const CLOCK_NAMES = ['first_response', 'next_response', 'resolution'] as const;

/** Targets as the form edits them: minutes as text, basis. */
export type TargetsForm = Record<string, Record<string, { minutes: string; basis: 'business' | 'calendar' }>>;

export function targetsToForm(targets: TargetsJson | null | undefined): TargetsForm {
  const out: TargetsForm = {};
  for (const s of SEVERITIES) {
    out[s] = {};
    for (const c of CLOCK_NAMES) {
      const target = targets?.[s]?.[c];
      out[s]![c] = { minutes: target && target.minutes > 0 ? String(target.minutes) : '', basis: target?.basis ?? 'business' };
    }
  }
  return out;
}

/** Targets for the API: every severity and clock, 0 minutes where empty (no target). */
export function formToTargets(form: TargetsForm): Record<string, Record<string, { minutes: number; basis: string }>> {
  const out: Record<string, Record<string, { minutes: number; basis: string }>> = {};
  for (const s of SEVERITIES) {
    out[s] = {};
    for (const c of CLOCK_NAMES) {
      const v = form[s]?.[c];
      const minutes = v && v.minutes.trim() ? Number(v.minutes) : 0;
      out[s]![c] = { minutes: Number.isFinite(minutes) ? minutes : 0, basis: v?.basis ?? 'business' };
    }
  }
  return out;
}

export function TargetsEditor({
  value,
  onChange,
  errors,
  prefix = 'targets',
  disabled,
}: {
  value: TargetsForm;
  onChange: (next: TargetsForm) => void;
  errors: Record<string, string>;
  prefix?: string;
  disabled?: boolean;
}) {
  const set = (s: string, c: string, part: 'minutes' | 'basis', v: string) => {
    const next: TargetsForm = JSON.parse(JSON.stringify(value));
    (next[s]![c] as Record<string, string>)[part] = v;
    onChange(next);
  };
  const fieldErrors = Object.entries(errors).filter(([k]) => k.startsWith(`${prefix}.`));
  return (
    <div class="table-wrap">
      <table class="data-table targets-table">
        <caption>{t('console.admin.targets.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('console.admin.targets.severity')}</th>
            {CLOCK_NAMES.map((c) => (
              <th key={c} scope="col">
                {clockLabel(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((s) => (
            <tr key={s}>
              <th scope="row">{severityLabel(s)}</th>
              {CLOCK_NAMES.map((c) => {
                const id = `${prefix}-${s}-${c}`;
                const cell = value[s]![c]!;
                return (
                  <td key={c}>
                    <label for={`${id}-m`} class="visually-hidden">
                      {t('console.admin.targets.minutes_label', { severity: severityLabel(s), clock: clockLabel(c) })}
                    </label>
                    <input
                      id={`${id}-m`}
                      type="number"
                      min={0}
                      value={cell.minutes}
                      disabled={disabled}
                      aria-invalid={errors[`${prefix}.${s}.${c}.minutes`] ? 'true' : undefined}
                      onInput={(e) => set(s, c, 'minutes', e.currentTarget.value)}
                    />{' '}
                    <span aria-hidden="true">{t('console.admin.targets.min')}</span>
                    <label for={`${id}-b`} class="visually-hidden">
                      {t('console.admin.targets.basis_label', { severity: severityLabel(s), clock: clockLabel(c) })}
                    </label>
                    <select id={`${id}-b`} value={cell.basis} disabled={disabled} onChange={(e) => set(s, c, 'basis', e.currentTarget.value)}>
                      <option value="business">{t('console.admin.targets.business')}</option>
                      <option value="calendar">{t('console.admin.targets.calendar')}</option>
                    </select>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {fieldErrors.length > 0 && (
        <ul class="field__error">
          {fieldErrors.map(([k, m]) => (
            <li key={k}>
              <code>{k}</code>: {m}
            </li>
          ))}
        </ul>
      )}
      <p class="field__hint">{t('console.admin.targets.hint')}</p>
    </div>
  );
}

/**
 * A list page: a section labelled by its h2 (id `<id>-title`), the "new" link when the role may
 * create (`newHref` given), other links (`actions`) before it, then the list.
 */
export function ListSection({
  id,
  title,
  newHref,
  newLabel,
  actions,
  children,
}: {
  id: string;
  title: string;
  newHref?: string | false;
  newLabel?: string;
  actions?: ComponentChildren;
  children?: ComponentChildren;
}) {
  const newLink = newHref && (
    <ButtonLink href={newHref} variant="primary">
      {newLabel ?? t('console.admin.new')}
    </ButtonLink>
  );
  return (
    <section aria-labelledby={`${id}-title`}>
      <div class="panel__header">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions ? (
          <div class="button-row">
            {actions}
            {newLink}
          </div>
        ) : (
          newLink
        )}
      </div>
      {children}
    </section>
  );
}

/** A list read from the API: its refusal, "loading" until it came, then the table (caption hidden). */
export function ListTable<T>({ error, loading, ...table }: { error: unknown; loading: boolean } & Omit<DataTableProps<T>, 'captionHidden'>) {
  return (
    <>
      <ProblemNotice error={error} />
      {loading ? <Loading /> : <DataTable {...table} captionHidden />}
    </>
  );
}

export function NotFound() {
  return <Notice kind="error">{t('common.error.not_found')}</Notice>;
}

/**
 * The record an edit page shows (`item` is its id, or "new": null), found in the loaded list; or
 * what to show instead while the list loads, when it failed, or when the id is not in it.
 */
export function pickItem<T extends { id: number }>(item: string, list: Resource<Page<T>>): { record: T | null } | { view: JSX.Element } {
  if (item === 'new') return { record: null };
  if (!list.data) return { view: list.error ? <ProblemNotice error={list.error} /> : <Loading /> };
  const record = list.data.items.find((r) => r.id === Number(item));
  return record ? { record } : { view: <NotFound /> };
}

export function SaveButton({ busy, children }: { busy: boolean; children?: ComponentChildren }) {
  return (
    <Button type="submit" variant="primary" busy={busy}>
      {children ?? t('common.save')}
    </Button>
  );
}

/** The buttons of an edit form: save (with `label`), then the others (delete, deactivate). */
export function SaveRow({ busy, label, children }: { busy: boolean; label?: string; children?: ComponentChildren }) {
  return (
    <div class="button-row">
      <SaveButton busy={busy}>{label}</SaveButton>
      {children}
    </div>
  );
}

/** Delete a record after asking; then go back to its list (`back`). */
export function DeleteButton({ name, path, back, remove, onDeleted }: { name: string; path: string; back: string; remove: Action; onDeleted?: () => void }) {
  return (
    <ConfirmButton
      label={t('console.admin.delete')}
      title={t('console.admin.confirm_delete', { name })}
      busy={remove.busy}
      onConfirm={async () => {
        if (await remove.run(() => api('DELETE', path))) {
          onDeleted?.();
          navigate(back);
        }
      }}
    />
  );
}

/** Below an edit form: what was done, and the refusals of saving and of the other action (`also`). */
export function FormOutcome({ action, shownFields, also, onReload }: { action: Action; shownFields: string[]; also?: Action; onReload?: () => void }) {
  return (
    <>
      <Done text={action.done || (also?.done ?? '')} />
      <ProblemNotice error={action.error} shownFields={shownFields} onReload={onReload} />
      {also && <ProblemNotice error={also.error} />}
    </>
  );
}

export function BackLink({ href, children }: { href: string; children?: ComponentChildren }) {
  return (
    <p>
      <Link href={href}>← {children ?? t('console.admin.back_to_list')}</Link>
    </p>
  );
}

export const TIME_ZONES_HINT = 'Asia/Seoul, Europe/Zurich, UTC';

/** The error of a field path, or of any path below it (coverage[1].service under coverage). */
export function errorUnder(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const below = Object.entries(errors).filter(([k]) => k.startsWith(`${path}.`) || k.startsWith(`${path}[`));
  return below.length ? below.map(([k, m]) => `${k}: ${m}`).join('; ') : undefined;
}
