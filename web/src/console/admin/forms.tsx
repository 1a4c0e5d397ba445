// Building blocks of the admin forms: SLA targets by severity, money fields, and the header of a
// list or an edit page.
import type { ComponentChildren } from 'preact';
import { t } from '../../shared/i18n';
import { clockLabel, severityLabel } from '../../shared/labels';
import { Link } from '../../shared/router';
import { ButtonLink } from '../../shared/ui';
import type { TargetsJson } from '../types';

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

/** The heading row of a list page: its h2 and the "new" link when the role may create. */
export function ListHeader({ title, newHref, newLabel }: { title: string; newHref?: string; newLabel?: string }) {
  return (
    <div class="panel__header">
      <h2>{title}</h2>
      {newHref && <ButtonLink href={newHref} variant="primary">{newLabel ?? t('console.admin.new')}</ButtonLink>}
    </div>
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
