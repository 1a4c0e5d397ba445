// Small accessible components shared by the sign-in pages, the portal and the console.
// Every user-supplied string is rendered as text (JSX escapes it); no innerHTML anywhere.
import type { ComponentChildren, JSX, VNode } from 'preact';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';
import { formatDate, formatDateTime, formatDateTimeLong, formatDuration, formatMoney } from './format';
import { locale, setLocale, t, type Locale } from './i18n';
import { Link, navigationCount, route } from './router';
import { shortcutList, shortcutsOpen } from './shortcuts';
import { clockDisplay, needsResync, type SlaClockJson } from './sla';

// ---------------------------------------------------------------------------------------------
// Page: skip link, header (brand, main navigation, actions), main with the h1.

export interface NavItem {
  href: string;
  label: string;
  /** Whether the item is the current section (default: the path starts with href). */
  current?: boolean;
}

export interface PageProps {
  title: string;
  /** Shown beside the h1 (actions such as "New ticket"). */
  titleActions?: ComponentChildren;
  brand?: ComponentChildren;
  brandHref?: string;
  nav?: NavItem[];
  /** The right side of the header: organisation, user, language, sign out. */
  actions?: ComponentChildren;
  children?: ComponentChildren;
  /** A class for <main> (e.g. a wide layout). */
  mainClass?: string;
}

export function Page(props: PageProps) {
  const h1 = useRef<HTMLHeadingElement>(null);
  const count = navigationCount.value;
  const path = route.value.path;

  useEffect(() => {
    document.title = `${props.title} · Tierdesk`;
  }, [props.title]);

  // After an in-page navigation, move focus to the new page's heading (screen readers announce it).
  useEffect(() => {
    if (count > 0) h1.current?.focus();
  }, [count]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t('common.skip_to_content')}
      </a>
      <header class="site-header">
        <div class="site-header__inner">
          {props.brand !== undefined && (
            <span class="brand">{props.brandHref ? <Link href={props.brandHref}>{props.brand}</Link> : props.brand}</span>
          )}
          {props.nav && props.nav.length > 0 && (
            <nav class="site-nav" aria-label={t('common.main_navigation')}>
              <ul>
                {props.nav.map((item) => {
                  const current = item.current ?? (path === item.href || path.startsWith(`${item.href}/`));
                  return (
                    <li key={item.href}>
                      <Link href={item.href} aria-current={current ? 'page' : undefined}>
                        {item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          )}
          {props.actions && <div class="site-actions">{props.actions}</div>}
        </div>
      </header>
      <main id="main" tabIndex={-1} class={props.mainClass ?? 'site-main'}>
        <div class="page-title">
          <h1 ref={h1} tabIndex={-1}>
            {props.title}
          </h1>
          {props.titleActions && <div class="page-title__actions">{props.titleActions}</div>}
        </div>
        {props.children}
      </main>
      <ShortcutsDialog />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Buttons

export interface ButtonProps extends Omit<JSX.HTMLAttributes<HTMLButtonElement>, 'type'> {
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  type?: 'button' | 'submit' | 'reset';
  busy?: boolean;
  disabled?: boolean;
  children?: ComponentChildren;
}

export function Button({ variant = 'secondary', type = 'button', busy, disabled, children, class: cls, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={`btn btn--${variant}${cls ? ` ${String(cls)}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy ? 'true' : undefined}
    >
      {children}
    </button>
  );
}

/** A link styled as a button (a real <a>, in-page navigation for same-face paths). */
export function ButtonLink({ href, variant = 'secondary', children, external }: { href: string; variant?: ButtonProps['variant']; children?: ComponentChildren; external?: boolean }) {
  if (external) {
    return (
      <a class={`btn btn--${variant}`} href={href}>
        {children}
      </a>
    );
  }
  return (
    <Link class={`btn btn--${variant}`} href={href}>
      {children}
    </Link>
  );
}

// ---------------------------------------------------------------------------------------------
// Form fields: a label, the control, a hint and an error, wired by id / aria-describedby.

export interface FieldA11y {
  id: string;
  name?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
  required?: boolean;
}

export interface FieldProps {
  label: ComponentChildren;
  name?: string;
  error?: string;
  hint?: ComponentChildren;
  required?: boolean;
  id?: string;
  class?: string;
  as?: 'input' | 'select' | 'textarea';
  type?: string;
  value?: string;
  onValue?: (value: string) => void;
  options?: { value: string; label: string; disabled?: boolean }[];
  placeholder?: string;
  autoComplete?: string;
  rows?: number;
  disabled?: boolean;
  /** Any further attributes for the control (min, max, pattern, inputMode ...). */
  controlProps?: Record<string, unknown>;
  /** A custom control: receives the id and ARIA attributes to spread on it. */
  children?: (a11y: FieldA11y) => ComponentChildren;
}

export function Field(props: FieldProps) {
  const generated = useId();
  const id = props.id ?? `f${generated}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const a11y: FieldA11y = {
    id,
    name: props.name,
    'aria-describedby': describedBy,
    'aria-invalid': props.error ? 'true' : undefined,
    required: props.required,
  };
  const onInput = (event: JSX.TargetedEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    props.onValue?.(event.currentTarget.value);
  let control: ComponentChildren;
  if (props.children) {
    control = props.children(a11y);
  } else if (props.as === 'select') {
    control = (
      <select {...a11y} {...props.controlProps} value={props.value} onChange={onInput} disabled={props.disabled}>
        {props.options?.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (props.as === 'textarea') {
    control = (
      <textarea
        {...a11y}
        {...props.controlProps}
        value={props.value}
        onInput={onInput}
        rows={props.rows ?? 6}
        placeholder={props.placeholder}
        disabled={props.disabled}
      />
    );
  } else {
    control = (
      <input
        {...a11y}
        {...props.controlProps}
        type={props.type ?? 'text'}
        value={props.value}
        onInput={onInput}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        disabled={props.disabled}
      />
    );
  }
  return (
    <div class={`field${props.error ? ' field--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <label for={id}>
        {props.label}
        {props.required && (
          <span class="field__required">
            {' '}
            <abbr title={t('common.required')} aria-hidden="true">
              *
            </abbr>
          </span>
        )}
      </label>
      <FieldHint id={hintId}>{props.hint}</FieldHint>
      {control}
      <FieldError id={errorId}>{props.error}</FieldError>
    </div>
  );
}

/** For `values.map(...)`: a select's option for each value, labelled by `label` (e.g. severityLabel). */
export function optionBy<T extends string>(label: (value: T) => string): (value: T) => { value: T; label: string } {
  return (value) => ({ value, label: label(value) });
}

/** A field's hint, the target of its control's aria-describedby; nothing without one. */
function FieldHint({ id, children }: { id: string | undefined; children?: ComponentChildren }) {
  if (!children) return null;
  return (
    <div class="field__hint" id={id}>
      {children}
    </div>
  );
}

/** A field's error (a sign, then the words), the target of its control's aria-describedby. */
function FieldError({ id, children }: { id: string | undefined; children?: string }) {
  if (!children) return null;
  return (
    <p class="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      {children}
    </p>
  );
}

export interface CheckboxProps {
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  hint?: ComponentChildren;
  name?: string;
  disabled?: boolean;
  required?: boolean;
}

export function Checkbox(props: CheckboxProps) {
  const id = `c${useId()}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  return (
    <div class={`field field--check${props.error ? ' field--error' : ''}`}>
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      <FieldHint id={hintId}>{props.hint}</FieldHint>
      <FieldError id={errorId}>{props.error}</FieldError>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Notices

export function Notice({ kind = 'info', title, children }: { kind?: 'info' | 'success' | 'warning' | 'error'; title?: ComponentChildren; children?: ComponentChildren }) {
  const role = kind === 'error' ? 'alert' : 'status';
  return (
    <div class={`notice notice--${kind}`} role={role}>
      {title && <p class="notice__title">{title}</p>}
      {children}
    </div>
  );
}

/** An error from api(): the problem's detail (or title), else a generic message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.error.network');
    if (error.status === 403 && error.slug === 'csrf') return t('common.error.csrf');
    if (error.status === 412) return t('common.error.conflict');
    if (error.status === 404) return t('common.error.missing');
    if (error.status === 403) return t('common.error.forbidden');
    if (error.status === 429) return t('common.error.throttled');
    if (error.status >= 500) return t('common.error.server');
    return error.detail || error.title || t('common.error.generic');
  }
  if (error instanceof TypeError) return t('common.error.network');
  return t('common.error.generic');
}

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return <Notice kind="error">{errorText(error)}</Notice>;
}

export function Loading({ label }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

/** Visually hidden text for screen readers. */
export function Hidden({ children }: { children?: ComponentChildren }) {
  return <span class="visually-hidden">{children}</span>;
}

// ---------------------------------------------------------------------------------------------
// DataTable: a real <table> with a caption and sortable headers (aria-sort).

export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: string;
  dir: SortDir;
}

export interface Column<T> {
  key: string;
  label: ComponentChildren;
  render: (row: T) => ComponentChildren;
  /** A value to sort by: makes the column sortable (client-side sorting). */
  sortValue?: (row: T) => string | number | null | undefined;
  /** Sortable by the server (with onSort) even without sortValue. */
  sortable?: boolean;
  class?: string;
  /** Render the cell as a row header (<th scope="row">). */
  rowHeader?: boolean;
}

export interface DataTableProps<T> {
  caption: ComponentChildren;
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** Controlled sorting (the caller or the server sorts the rows). */
  sort?: SortState | null;
  onSort?: (sort: SortState) => void;
  /** Client-side sorting's initial state. */
  defaultSort?: SortState;
  empty?: ComponentChildren;
  rowClass?: (row: T) => string | undefined;
}

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1; // empty last
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

export function sortRows<T>(rows: T[], columns: Column<T>[], sort: SortState | null | undefined): T[] {
  if (!sort) return rows;
  const column = columns.find((c) => c.key === sort.key);
  if (!column?.sortValue) return rows;
  const value = column.sortValue;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const va = value(x.row);
      const vb = value(y.row);
      const emptyA = va === null || va === undefined || va === '';
      const emptyB = vb === null || vb === undefined || vb === '';
      if (emptyA || emptyB) return emptyA === emptyB ? x.index - y.index : emptyA ? 1 : -1;
      return sign * compareValues(va, vb) || x.index - y.index;
    })
    .map((x) => x.row);
}

export function DataTable<T>(props: DataTableProps<T>) {
  const [internal, setInternal] = useState<SortState | null>(props.defaultSort ?? null);
  const controlled = props.onSort !== undefined;
  const sort = controlled ? (props.sort ?? null) : internal;
  const rows = useMemo(() => (controlled ? props.rows : sortRows(props.rows, props.columns, sort)), [props.rows, props.columns, sort, controlled]);

  const toggle = (key: string) => {
    const next: SortState = sort && sort.key === key ? { key, dir: sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
    if (controlled) props.onSort?.(next);
    else setInternal(next);
  };

  return (
    <div class="table-wrap">
      <table class="data-table">
        <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => {
              const sortable = c.sortValue !== undefined || (controlled && c.sortable);
              const ariaSort = sort && sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : sortable ? 'none' : undefined;
              return (
                <th key={c.key} scope="col" class={c.class} aria-sort={ariaSort}>
                  {sortable ? (
                    <button type="button" class="sort-button" onClick={() => toggle(c.key)}>
                      {c.label}
                      <span class="sort-indicator" aria-hidden="true">
                        {sort && sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length} class="data-table__empty">
                {props.empty ?? t('common.table.empty')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={props.rowKey(row)} class={props.rowClass?.(row)}>
                {props.columns.map((c) =>
                  c.rowHeader ? (
                    <th key={c.key} scope="row" class={c.class}>
                      {c.render(row)}
                    </th>
                  ) : (
                    <td key={c.key} class={c.class}>
                      {c.render(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Dialog: a modal <dialog>; focus moves into it and returns to where it was on close.

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ComponentChildren;
  children?: ComponentChildren;
  footer?: ComponentChildren;
  class?: string;
}

export function Dialog(props: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  const titleId = `d${useId()}`;

  // Layout effect: the dialog opens and closes with the render, not a frame later.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) {
      returnTo.current = document.activeElement;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      const first = dialog.querySelector<HTMLElement>('[autofocus], input, select, textarea, button:not(.dialog__close), [href]');
      first?.focus();
    } else if (!props.open && dialog.open) {
      dialog.close();
      (returnTo.current as HTMLElement | null)?.focus?.();
    }
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      class={`dialog${props.class ? ` ${props.class}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      {props.open && (
        <div class="dialog__body">
          <div class="dialog__header">
            <h2 id={titleId}>{props.title}</h2>
            <button type="button" class="dialog__close btn btn--link" onClick={props.onClose} aria-label={t('common.close')}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
          <div class="dialog__content">{props.children}</div>
          {props.footer && <div class="dialog__footer">{props.footer}</div>}
        </div>
      )}
    </dialog>
  );
}

/** The "?" dialog listing the registered keyboard shortcuts. */
export function ShortcutsDialog() {
  const list = shortcutList.value;
  return (
    <Dialog open={shortcutsOpen.value} onClose={() => (shortcutsOpen.value = false)} title={t('common.shortcuts.title')}>
      <table class="shortcut-table">
        <caption class="visually-hidden">{t('common.shortcuts.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('common.shortcuts.key')}</th>
            <th scope="col">{t('common.shortcuts.action')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <kbd>?</kbd>
            </td>
            <td>{t('common.shortcuts.help')}</td>
          </tr>
          {list.map((s) => (
            <tr key={s.key}>
              <td>
                {s.key.split(' ').map((k, i) => (
                  <>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </>
                ))}
              </td>
              <td>{t(s.descriptionKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

/** A header button that opens the shortcuts dialog (for pointer users; "?" for keyboards). */
export function ShortcutsButton() {
  return (
    <Button variant="link" onClick={() => (shortcutsOpen.value = true)} aria-keyshortcuts="?">
      {t('common.shortcuts.button')}
    </Button>
  );
}

// ---------------------------------------------------------------------------------------------
// Tabs (ARIA tabs with arrow keys)

export interface TabsProps {
  label: string;
  tabs: { id: string; label: ComponentChildren }[];
  active: string;
  onChange: (id: string) => void;
  children?: ComponentChildren;
}

export function Tabs(props: TabsProps) {
  const base = `t${useId()}`;
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = props.tabs.findIndex((tab) => tab.id === props.active);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % props.tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + props.tabs.length) % props.tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = props.tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    const tab = props.tabs[next]!;
    props.onChange(tab.id);
    listRef.current?.querySelector<HTMLElement>(`#${base}-tab-${tab.id}`)?.focus();
  };
  return (
    <div class="tabs">
      <div class="tabs__list" role="tablist" aria-label={props.label} ref={listRef} onKeyDown={onKeyDown}>
        {props.tabs.map((tab) => {
          const selected = tab.id === props.active;
          return (
            <button
              key={tab.id}
              type="button"
              role="tab"
              id={`${base}-tab-${tab.id}`}
              aria-selected={selected ? 'true' : 'false'}
              aria-controls={`${base}-panel`}
              tabIndex={selected ? 0 : -1}
              class="tabs__tab"
              onClick={() => props.onChange(tab.id)}
            >
              {tab.label}
            </button>
          );
        })}
      </div>
      <div class="tabs__panel" role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${props.active}`} tabIndex={0}>
        {props.children}
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Language

export function LanguageSwitch() {
  const id = `l${useId()}`;
  return (
    <span class="language-switch">
      <label for={id}>{t('common.language')}</label>
      <select id={id} value={locale.value} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
        <option value="en" lang="en">
          English
        </option>
        <option value="ko" lang="ko">
          한국어
        </option>
      </select>
    </span>
  );
}

// ---------------------------------------------------------------------------------------------
// Money, dates

export function Money({ minor, currency }: { minor: number; currency: string }) {
  locale.value; // re-render on a language change
  return <span class="money">{formatMoney(minor, currency)}</span>;
}

export function DateTime({ iso, dateOnly, zone }: { iso: string | null | undefined; dateOnly?: boolean; zone?: string }) {
  locale.value;
  if (!iso) return <span class="muted">—</span>;
  return (
    <time dateTime={iso} title={formatDateTimeLong(iso, zone)}>
      {dateOnly ? formatDate(iso, zone) : formatDateTime(iso, zone)}
    </time>
  );
}

// ---------------------------------------------------------------------------------------------
// SlaClock: counts down business time locally while the server says the clock is counting;
// "paused", "breached", "met" are words, not colours; asks for a re-fetch at zero and every 60 s.

export interface SlaClockProps {
  clock: SlaClockJson | null | undefined;
  /** What the clock measures, e.g. t('common.sla.first_response'); omitted in compact cells. */
  label?: string;
  /** Called when the shown value needs the server again (reached zero, or 60 s passed). */
  onResync?: () => void;
  compact?: boolean;
}

export function SlaClock(props: SlaClockProps) {
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const asked = useRef(false);

  // A new report from the server: start counting from it again.
  useEffect(() => {
    const at = Date.now();
    setFetchedAt(at);
    setNow(at);
    asked.current = false;
  }, [props.clock]);

  useEffect(() => {
    if (!props.clock || props.clock.state === 'met') return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [props.clock]);

  const elapsed = Math.max(0, (now - fetchedAt) / 1000);
  useEffect(() => {
    if (!asked.current && props.onResync && needsResync(props.clock, elapsed)) {
      asked.current = true;
      props.onResync();
    }
  });

  locale.value;
  const view = clockDisplay(props.clock, elapsed);
  let word: string;
  let time = '';
  switch (view.kind) {
    case 'none':
      word = t('common.sla.none');
      break;
    case 'met':
      word = t('common.sla.met');
      break;
    case 'paused':
      word = t('common.sla.paused');
      time = t('common.sla.left', { time: formatDuration(view.remaining) });
      break;
    case 'waiting':
      word = t('common.sla.outside_hours');
      time = t('common.sla.left', { time: formatDuration(view.remaining) });
      break;
    case 'counting':
      word = '';
      time = t('common.sla.left', { time: formatDuration(view.remaining) });
      break;
    case 'breached':
      word = t('common.sla.breached');
      time = view.overdue > 0 ? t('common.sla.overdue', { time: formatDuration(view.overdue) }) : '';
      break;
  }
  const warning = props.clock?.warning_reached && view.kind === 'counting';
  const due = props.clock?.due_at ? t('common.sla.due', { time: formatDateTime(props.clock.due_at) }) : undefined;
  return (
    <span class={`sla sla--${view.kind}${warning ? ' sla--warning' : ''}${props.compact ? ' sla--compact' : ''}`} title={due}>
      {props.label && <span class="sla__label">{props.label}: </span>}
      {view.kind !== 'counting' && view.kind !== 'none' && <span aria-hidden="true" class="sla__icon">{iconFor(view.kind)} </span>}
      {word && <strong class="sla__state">{word}</strong>}
      {word && time && ' · '}
      {time && <span class="sla__time">{time}</span>}
      {warning && <span class="sla__warning"> · {t('common.sla.warning')}</span>}
    </span>
  );
}

function iconFor(kind: string): string {
  switch (kind) {
    case 'met':
      return '✓';
    case 'breached':
      return '!';
    case 'paused':
      return '❚❚';
    case 'waiting':
      return '◷';
    default:
      return '';
  }
}

/** A definition list of label/value pairs. */
export function Details({ items }: { items: [ComponentChildren, ComponentChildren][] }): VNode {
  return (
    <dl class="details">
      {items.map(([k, v], i) => (
        <div class="details__row" key={i}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
