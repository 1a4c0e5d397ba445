// Teams (members, assignment strategy, escalation tier) and shifts (each staff member's away flag
// and shift calendar: PATCH users/{id}/availability).
import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { roleLabel } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { useResource } from '../../shared/resource';
import { DataTable, Field, Loading, optionBy } from '../../shared/ui';
import { Done, ProblemNotice, Section, useAction } from '../common';
import { reloadDirectory, teams, userName, users } from '../directory';
import type { Calendar, Page, Team, User } from '../types';
import type { SectionProps } from './AdminArea';
import { BackLink, FormOutcome, ListSection, NotFound, SaveButton } from './forms';

function assignmentLabel(a: string): string {
  switch (a) {
    case 'manual':
      return t('console.team.manual');
    case 'round_robin':
      return t('console.team.round_robin');
    case 'least_open':
      return t('console.team.least_open');
    default:
      return a;
  }
}

function staff(): User[] {
  return [...users.value.values()].filter((u) => u.role === 'agent' || u.role === 'supervisor' || u.role === 'admin').sort((a, b) => a.name.localeCompare(b.name));
}

export function TeamsAdmin({ item, can }: SectionProps) {
  const calendars = useResource((signal) => api<Page<Calendar>>('GET', '/calendars', undefined, { signal }), []);
  if (item) {
    const team = item === 'new' ? null : teams.value.find((tm) => tm.id === Number(item)) ?? null;
    if (item !== 'new' && !team) return <NotFound />;
    return <TeamForm team={team} canEdit={can.manageTeams} />;
  }
  return (
    <>
      <ListSection id="teams" title={t('console.admin.section.teams')} newHref={can.manageTeams && '/console/admin/teams/new'} newLabel={t('console.team.new')}>
        <DataTable
          caption={t('console.admin.section.teams')}
          captionHidden
          rows={teams.value}
          rowKey={(tm) => tm.id}
          columns={[
            { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (tm) => <Link href={`/console/admin/teams/${tm.id}`}>{tm.name}</Link>, sortValue: (tm) => tm.name },
            { key: 'tier', label: t('console.team.tier'), render: (tm) => (tm.tier > 0 ? `L${tm.tier}` : t('console.team.no_tier')), sortValue: (tm) => tm.tier },
            { key: 'assignment', label: t('console.team.assignment'), render: (tm) => assignmentLabel(tm.assignment) },
            { key: 'members', label: t('console.team.members'), render: (tm) => tm.members.map((m) => userName(m)).join(', ') },
          ]}
        />
      </ListSection>
      <Shifts calendars={calendars.data?.items ?? []} canEdit={can.manageTeams} />
    </>
  );
}

function TeamForm({ team, canEdit }: { team: Team | null; canEdit: boolean }) {
  const [name, setName] = useState(team?.name ?? '');
  const [members, setMembers] = useState<number[]>(team?.members ?? []);
  const [assignment, setAssignment] = useState<string>(team?.assignment ?? 'manual');
  const [tier, setTier] = useState(String(team?.tier ?? 0));
  const action = useAction();
  const errors = action.fieldErrors;
  return (
    <Section id="team-form" title={team ? team.name : t('console.team.new')}>
      <BackLink href="/console/admin/teams" />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const body = { name, members, assignment, tier: Number(tier) };
          await action.run(async () => {
            const saved = team ? await api<Team>('PATCH', `/teams/${team.id}`, body) : await api<Team>('POST', '/teams', body);
            await reloadDirectory({ teams: true });
            if (!team) navigate(`/console/admin/teams/${saved.id}`);
          }, t('console.admin.saved'));
        }}
      >
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.team.team')}</legend>
          <div class="form-grid">
            <Field label={t('console.admin.name')} value={name} onValue={setName} required error={errors.name} />
            <Field
              label={t('console.team.assignment')}
              as="select"
              value={assignment}
              onValue={setAssignment}
              error={errors.assignment}
              hint={t('console.team.assignment_hint')}
              options={['manual', 'round_robin', 'least_open'].map(optionBy(assignmentLabel))}
            />
            <Field
              label={t('console.team.tier')}
              as="select"
              value={tier}
              onValue={setTier}
              error={errors.tier}
              options={[
                { value: '0', label: t('console.team.no_tier') },
                { value: '1', label: 'L1' },
                { value: '2', label: 'L2' },
                { value: '3', label: 'L3' },
              ]}
            />
          </div>
          <fieldset class="form-rows">
            <legend>{t('console.team.members')}</legend>
            {staff().map((u) => (
              <label key={u.id} class="inline-check">
                <input type="checkbox" checked={members.includes(u.id)} onChange={(e) => setMembers((x) => (e.currentTarget.checked ? [...x, u.id] : x.filter((y) => y !== u.id)))} />
                {u.name} <span class="muted">({roleLabel(u.role)})</span>
              </label>
            ))}
            {errors.members && <p class="field__error">{errors.members}</p>}
          </fieldset>
        </fieldset>
        {canEdit && <SaveButton busy={action.busy} />}
        <FormOutcome action={action} shownFields={Object.keys(errors)} />
      </form>
    </Section>
  );
}

function Shifts({ calendars, canEdit }: { calendars: Calendar[]; canEdit: boolean }) {
  const action = useAction();
  const set = async (user: User, body: Record<string, unknown>) => {
    await action.run(async () => {
      const saved = await api<User>('PATCH', `/users/${user.id}/availability`, body);
      const next = new Map(users.value);
      next.set(saved.id, { ...user, ...saved });
      users.value = next;
    }, t('console.team.availability_saved', { name: user.name }));
  };
  return (
    <Section id="shifts" title={t('console.team.shifts')}>
      <p>{t('console.team.shifts_intro')}</p>
      {!users.value.size ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('console.team.shifts')}
          captionHidden
          rows={staff()}
          rowKey={(u) => u.id}
          columns={[
            { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (u) => u.name, sortValue: (u) => u.name },
            { key: 'role', label: t('console.user.role'), render: (u) => roleLabel(u.role) },
            {
              key: 'away',
              label: t('console.team.away'),
              render: (u) => (
                <label class="inline-check">
                  <input type="checkbox" checked={!!u.away} disabled={!canEdit || action.busy} onChange={(e) => void set(u, { away: e.currentTarget.checked })} />
                  {u.away ? t('console.team.is_away') : t('console.team.is_available')}
                  <span class="visually-hidden"> — {u.name}</span>
                </label>
              ),
            },
            {
              key: 'shift',
              label: t('console.team.shift'),
              render: (u) => (
                <select
                  aria-label={t('console.team.shift_of', { name: u.name })}
                  value={u.shift_calendar_id ? String(u.shift_calendar_id) : ''}
                  disabled={!canEdit || action.busy}
                  onChange={(e) => void set(u, { shift_calendar_id: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
                >
                  <option value="">{t('console.team.no_shift')}</option>
                  {calendars.map((c) => (
                    <option key={c.id} value={String(c.id)}>
                      {c.name}
                    </option>
                  ))}
                </select>
              ),
            },
          ]}
        />
      )}
      <Done text={action.done} />
      <ProblemNotice error={action.error} />
    </Section>
  );
}
