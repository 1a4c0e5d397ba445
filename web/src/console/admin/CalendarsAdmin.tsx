// Calendars (business hours): list, create, edit, delete, and a preview of when they open next
// (GET calendars/{id}/next-open) and of an SLA due time (GET calendars/{id}/add).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { formatDateTime } from '../../shared/format';
import { t } from '../../shared/i18n';
import { navigate } from '../../shared/router';
import { Button, Checkbox, Field, Loading, optionBy } from '../../shared/ui';
import { useResource } from '../../shared/resource';
import { ProblemNotice, Section, useAction } from '../common';
import type { Calendar, Page } from '../types';
import type { SectionProps } from './AdminArea';
import { BackLink, DeleteButton, errorUnder, FormOutcome, ListSection, ListTable, SaveRow } from './forms';
import { Link } from '../../shared/router';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function dayLabel(day: string): string {
  switch (day) {
    case 'mon':
      return t('console.day.mon');
    case 'tue':
      return t('console.day.tue');
    case 'wed':
      return t('console.day.wed');
    case 'thu':
      return t('console.day.thu');
    case 'fri':
      return t('console.day.fri');
    case 'sat':
      return t('console.day.sat');
    case 'sun':
      return t('console.day.sun');
    default:
      return day;
  }
}

export function intervalsSummary(c: Pick<Calendar, 'always_open' | 'intervals'>): string {
  if (c.always_open) return t('console.calendar.always_open');
  return c.intervals.map((i) => `${dayLabel(i.day)} ${i.start}–${i.end === '00:00' ? '24:00' : i.end}`).join(', ');
}

export function timeZones(): string[] {
  try {
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  } catch {
    return [];
  }
}

export function TimeZoneList({ id }: { id: string }) {
  return (
    <datalist id={id}>
      {timeZones().map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

export function CalendarsAdmin({ item, can }: SectionProps) {
  if (item === 'new') return can.manageCalendars ? <CalendarForm calendar={null} /> : null;
  if (item) return <CalendarDetail id={Number(item)} canEdit={can.manageCalendars} />;
  return <CalendarList canCreate={can.manageCalendars} />;
}

function CalendarList({ canCreate }: { canCreate: boolean }) {
  const list = useResource((signal) => api<Page<Calendar>>('GET', '/calendars', undefined, { signal }), []);
  return (
    <ListSection id="calendars" title={t('console.admin.section.calendars')} newHref={canCreate && '/console/admin/calendars/new'} newLabel={t('console.calendar.new')}>
      <ListTable
        error={list.error}
        loading={list.loading && !list.data}
        caption={t('console.admin.section.calendars')}
        rows={list.data?.items ?? []}
        rowKey={(c) => c.id}
        columns={[
          { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (c) => <Link href={`/console/admin/calendars/${c.id}`}>{c.name}</Link>, sortValue: (c) => c.name },
          { key: 'tz', label: t('console.calendar.time_zone'), render: (c) => c.time_zone, sortValue: (c) => c.time_zone },
          { key: 'hours', label: t('console.calendar.hours'), render: (c) => intervalsSummary(c) },
          { key: 'holidays', label: t('console.calendar.holidays'), render: (c) => c.holidays.length, class: 'num' },
          { key: 'version', label: t('console.admin.version'), render: (c) => c.version, class: 'num' },
        ]}
      />
    </ListSection>
  );
}

function CalendarDetail({ id, canEdit }: { id: number; canEdit: boolean }) {
  const calendar = useResource((signal) => api<Calendar>('GET', `/calendars/${id}`, undefined, { signal }), [id]);
  if (calendar.error) return <ProblemNotice error={calendar.error} />;
  if (!calendar.data) return <Loading />;
  return (
    <>
      <CalendarPreview calendar={calendar.data} />
      {canEdit ? (
        <CalendarForm calendar={calendar.data} onSaved={calendar.setData} />
      ) : (
        <Section id="calendar-hours" title={calendar.data.name}>
          <p>{intervalsSummary(calendar.data)}</p>
        </Section>
      )}
    </>
  );
}

/** The first open instant at or after the start of each of the next seven days, without repeats. */
function CalendarPreview({ calendar }: { calendar: Calendar }) {
  const [openings, setOpenings] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [at, setAt] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [answer, setAnswer] = useState('');
  const check = useAction();

  useEffect(() => {
    const now = Date.now();
    const instants = [new Date(now).toISOString()];
    for (let d = 1; d < 7; d++) {
      const day = new Date(now + d * 86_400_000);
      day.setHours(0, 0, 0, 0);
      instants.push(day.toISOString());
    }
    Promise.all(instants.map((i) => api<{ next_open: string }>('GET', `/calendars/${calendar.id}/next-open?at=${encodeURIComponent(i)}`)))
      .then((answers) => setOpenings([...new Set(answers.map((a) => a.next_open))].sort()))
      .catch((e: unknown) => setError(e));
  }, [calendar.id, calendar.version]);

  return (
    <Section id="calendar-preview" title={t('console.calendar.preview')}>
      <ProblemNotice error={error} />
      {!openings && !error && <Loading />}
      {openings && (
        <>
          <p>{t('console.calendar.preview_hint', { zone: calendar.time_zone })}</p>
          <ul>
            {openings.map((o, i) => (
              <li key={o}>
                {i === 0 ? t('console.calendar.next_open') : t('console.calendar.then_open')} {formatDateTime(o)} ({formatDateTime(o, calendar.time_zone)} {calendar.time_zone})
              </li>
            ))}
          </ul>
        </>
      )}
      <form
        class="toolbar"
        onSubmit={async (e) => {
          e.preventDefault();
          const start = at ? new Date(at).toISOString() : new Date().toISOString();
          await check.run(async () => {
            const r = await api<{ result: string }>('GET', `/calendars/${calendar.id}/add?start=${encodeURIComponent(start)}&minutes=${encodeURIComponent(minutes)}`);
            setAnswer(t('console.calendar.add_result', { minutes, time: formatDateTime(r.result), local: formatDateTime(r.result, calendar.time_zone) }));
          });
        }}
      >
        <Field label={t('console.calendar.start')} type="datetime-local" value={at} onValue={setAt} hint={t('console.calendar.start_hint')} />
        <Field label={t('console.calendar.minutes')} type="number" value={minutes} onValue={setMinutes} controlProps={{ min: 0 }} />
        <Button type="submit" busy={check.busy}>
          {t('console.calendar.compute')}
        </Button>
      </form>
      {answer && <p role="status">{answer}</p>}
      <ProblemNotice error={check.error} />
    </Section>
  );
}

interface IntervalRow {
  day: string;
  start: string;
  end: string;
}
interface HolidayRow {
  date: string;
  name: string;
  start: string;
  end: string;
}

function CalendarForm({ calendar, onSaved }: { calendar: Calendar | null; onSaved?: (c: Calendar) => void }) {
  const [name, setName] = useState(calendar?.name ?? '');
  const [zone, setZone] = useState(calendar?.time_zone ?? 'Asia/Seoul');
  const [always, setAlways] = useState(calendar?.always_open ?? false);
  const [intervals, setIntervals] = useState<IntervalRow[]>(
    calendar?.intervals.map((i) => ({ ...i, end: i.end === '00:00' ? '24:00' : i.end })) ??
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '18:00' })),
  );
  const [holidays, setHolidays] = useState<HolidayRow[]>(
    calendar?.holidays.map((h) => ({ date: h.date, name: h.name, start: h.start === '00:00' ? '' : h.start ?? '', end: h.end === '24:00' ? '' : h.end ?? '' })) ?? [],
  );
  const action = useAction();
  const remove = useAction();
  const errors = action.fieldErrors;

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      name,
      time_zone: zone,
      always_open: always,
      intervals: intervals.map((i) => ({ day: i.day, start: i.start, end: i.end })),
      holidays: holidays.map((h) => {
        const out: Record<string, string> = { date: h.date, name: h.name };
        if (h.start) out.start = h.start;
        if (h.end) out.end = h.end;
        return out;
      }),
    };
    await action.run(async () => {
      const saved = calendar
        ? await api<Calendar>('PUT', `/calendars/${calendar.id}`, body, { ifMatch: `"v${calendar.version}"` })
        : await api<Calendar>('POST', '/calendars', body);
      if (calendar) onSaved?.(saved);
      else navigate(`/console/admin/calendars/${saved.id}`);
    }, t('console.admin.saved'));
  };

  const shown = ['name', 'time_zone'];
  return (
    <Section id="calendar-form" title={calendar ? t('console.calendar.edit', { name: calendar.name }) : t('console.calendar.new')}>
      <BackLink href="/console/admin/calendars" />
      <form onSubmit={(e) => void submit(e)}>
        <div class="form-grid">
          <Field label={t('console.admin.name')} value={name} onValue={setName} required error={errors.name} />
          <Field
            label={t('console.calendar.time_zone')}
            value={zone}
            onValue={setZone}
            required
            error={errors.time_zone}
            controlProps={{ list: 'tz-list', autoComplete: 'off' }}
          />
        </div>
        <TimeZoneList id="tz-list" />
        <Checkbox label={t('console.calendar.always_open')} checked={always} onChange={setAlways} hint={t('console.calendar.always_open_hint')} />
        {!always && (
          <fieldset class="form-rows">
            <legend>{t('console.calendar.intervals')}</legend>
            {intervals.map((row, i) => (
              <div class="form-row" key={i}>
                <Field
                  label={t('console.calendar.day')}
                  as="select"
                  value={row.day}
                  onValue={(v) => setIntervals((x) => x.map((r, j) => (j === i ? { ...r, day: v } : r)))}
                  options={DAYS.map(optionBy(dayLabel))}
                  error={errors[`intervals[${i}].day`]}
                />
                <Field
                  label={t('console.calendar.opens')}
                  type="time"
                  value={row.start}
                  onValue={(v) => setIntervals((x) => x.map((r, j) => (j === i ? { ...r, start: v } : r)))}
                  error={errors[`intervals[${i}].start`]}
                />
                <Field
                  label={t('console.calendar.closes')}
                  value={row.end}
                  onValue={(v) => setIntervals((x) => x.map((r, j) => (j === i ? { ...r, end: v } : r)))}
                  error={errors[`intervals[${i}].end`]}
                  hint={i === 0 ? t('console.calendar.closes_hint') : undefined}
                  controlProps={{ pattern: '[0-2][0-9]:[0-5][0-9]', inputMode: 'numeric', size: 6 }}
                />
                <Button variant="link" onClick={() => setIntervals((x) => x.filter((_, j) => j !== i))}>
                  {t('console.admin.remove_row', { n: i + 1 })}
                </Button>
              </div>
            ))}
            <Button onClick={() => setIntervals((x) => [...x, { day: 'mon', start: '09:00', end: '18:00' }])}>{t('console.calendar.add_interval')}</Button>
          </fieldset>
        )}
        <fieldset class="form-rows">
          <legend>{t('console.calendar.holidays')}</legend>
          {holidays.map((row, i) => (
            <div class="form-row" key={i}>
              <Field
                label={t('console.calendar.date')}
                value={row.date}
                onValue={(v) => setHolidays((x) => x.map((r, j) => (j === i ? { ...r, date: v } : r)))}
                hint={i === 0 ? t('console.calendar.date_hint') : undefined}
                error={errors[`holidays[${i}].date`] ?? errors[`holidays[${i}]`]}
                controlProps={{ size: 10 }}
              />
              <Field label={t('console.admin.name')} value={row.name} onValue={(v) => setHolidays((x) => x.map((r, j) => (j === i ? { ...r, name: v } : r)))} />
              <Field
                label={t('console.calendar.closed_from')}
                type="time"
                value={row.start}
                onValue={(v) => setHolidays((x) => x.map((r, j) => (j === i ? { ...r, start: v } : r)))}
              />
              <Field
                label={t('console.calendar.closed_until')}
                value={row.end}
                onValue={(v) => setHolidays((x) => x.map((r, j) => (j === i ? { ...r, end: v } : r)))}
                controlProps={{ size: 6 }}
              />
              <Button variant="link" onClick={() => setHolidays((x) => x.filter((_, j) => j !== i))}>
                {t('console.admin.remove_row', { n: i + 1 })}
              </Button>
            </div>
          ))}
          <Button onClick={() => setHolidays((x) => [...x, { date: '', name: '', start: '', end: '' }])}>{t('console.calendar.add_holiday')}</Button>
          {errorUnder(errors, 'holidays') && !holidays.length && <p class="field__error">{errors.holidays}</p>}
        </fieldset>
        <SaveRow busy={action.busy}>
          {calendar && <DeleteButton name={calendar.name} path={`/calendars/${calendar.id}`} back="/console/admin/calendars" remove={remove} />}
        </SaveRow>
        <FormOutcome
          action={action}
          shownFields={[...shown, ...Object.keys(errors).filter((k) => k.startsWith('intervals[') || k.startsWith('holidays['))]}
          also={remove}
        />
      </form>
    </Section>
  );
}

