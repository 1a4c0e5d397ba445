// Users and organisations: lists, create, edit (PATCH with If-Match) and deactivation
// (PATCH active: false / true). Admins write; supervisors read.
import { useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { t } from '../../shared/i18n';
import { roleLabel } from '../../shared/labels';
import { Link, navigate } from '../../shared/router';
import { me } from '../../shared/session';
import { Button, DataTable, DateTime, Field, optionBy } from '../../shared/ui';
import { ConfirmButton, Section, useAction } from '../common';
import { organizations, organizationsOfKind, orgName, reloadDirectory, teams, users } from '../directory';
import type { Organization, Role, User } from '../types';
import type { SectionProps } from './AdminArea';
import { TimeZoneList } from './CalendarsAdmin';
import { BackLink, FormOutcome, ListSection, NotFound, SaveRow } from './forms';
import { splitList } from './money';

/** Roles that fit an organisation's kind (the server refuses the others). */
export function rolesFor(kind: Organization['kind'] | undefined): Role[] {
  switch (kind) {
    case 'partner':
      return ['agent', 'supervisor', 'admin', 'billing'];
    case 'customer':
      return ['requester', 'customer_admin'];
    case 'reseller':
      return ['reseller_agent'];
    case 'provider':
      return ['provider_agent'];
    default:
      return [];
  }
}

function kindLabel(kind: string): string {
  switch (kind) {
    case 'partner':
      return t('console.org.kind.partner');
    case 'customer':
      return t('console.org.kind.customer');
    case 'reseller':
      return t('console.org.kind.reseller');
    case 'provider':
      return t('console.org.kind.provider');
    default:
      return kind;
  }
}

function ActiveWord({ active }: { active: boolean }) {
  return <span class={active ? '' : 'text-error'}>{active ? t('console.org.is_active') : t('console.org.is_inactive')}</span>;
}

export function UsersAdmin({ item, can }: SectionProps) {
  const [org, setOrg] = useState('');
  const [text, setText] = useState('');
  if (item === 'new') return can.manageUsers ? <UserForm user={null} /> : null;
  if (item) {
    const user = users.value.get(Number(item));
    if (!user) return <NotFound />;
    return <UserForm user={user} canEdit={can.manageUsers} />;
  }
  const q = text.trim().toLowerCase();
  const rows = [...users.value.values()].filter((u) => (!org || u.organization_id === Number(org)) && (!q || u.name.toLowerCase().includes(q) || u.email.toLowerCase().includes(q)));
  return (
    <ListSection id="users" title={t('console.admin.section.users')} newHref={can.manageUsers && '/console/admin/users/new'} newLabel={t('console.user.new')}>
      <div class="toolbar">
        <Field
          label={t('console.user.organization')}
          as="select"
          value={org}
          onValue={setOrg}
          options={[{ value: '', label: t('console.user.all_orgs') }, ...[...organizations.value.values()].map((o) => ({ value: String(o.id), label: o.name }))]}
        />
        <Field label={t('console.user.filter')} type="search" value={text} onValue={setText} />
      </div>
      <DataTable
        caption={t('console.user.caption', { count: rows.length })}
        captionHidden
        rows={rows}
        rowKey={(u) => u.id}
        defaultSort={{ key: 'name', dir: 'asc' }}
        columns={[
          { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (u) => <Link href={`/console/admin/users/${u.id}`}>{u.name}</Link>, sortValue: (u) => u.name },
          { key: 'email', label: t('console.user.email'), render: (u) => u.email, sortValue: (u) => u.email },
          { key: 'role', label: t('console.user.role'), render: (u) => roleLabel(u.role), sortValue: (u) => u.role },
          { key: 'org', label: t('console.user.organization'), render: (u) => orgName(u.organization_id), sortValue: (u) => orgName(u.organization_id) },
          { key: 'active', label: t('console.org.active'), render: (u) => <ActiveWord active={u.active} />, sortValue: (u) => (u.active ? 0 : 1) },
        ]}
      />
    </ListSection>
  );
}

function UserForm({ user, canEdit = true }: { user: User | null; canEdit?: boolean }) {
  const [orgId, setOrgId] = useState(user ? String(user.organization_id) : '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [name, setName] = useState(user?.name ?? '');
  const [role, setRole] = useState<string>(user?.role ?? '');
  const [password, setPassword] = useState('');
  const [memberOf, setMemberOf] = useState<number[]>(user ? teams.value.filter((tm) => tm.members.includes(user.id)).map((tm) => tm.id) : []);
  const [version, setVersion] = useState(user?.version ?? 0);
  const [active, setActive] = useState(user?.active ?? true);
  const action = useAction();
  const toggle = useAction();
  const org = organizations.value.get(Number(orgId));
  const roles = rolesFor(org?.kind);
  const errors = action.fieldErrors;
  const self = user?.id === me.value?.id;
  const staffUser = org?.kind === 'partner';

  const submit = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      if (user) {
        const body: Record<string, unknown> = {};
        if (name !== user.name) body.name = name;
        if (email !== user.email) body.email = email;
        if (role !== user.role) body.role = role;
        if (staffUser) body.teams = memberOf;
        const saved = await api<User>('PATCH', `/users/${user.id}`, body, { ifMatch: `"v${version}"` });
        setVersion(saved.version);
        await reloadDirectory({ teams: true });
      } else {
        const body: Record<string, unknown> = { organization_id: Number(orgId), email, name, role };
        if (password) body.password = password;
        const saved = await api<User>('POST', '/users', body);
        await reloadDirectory({ teams: true });
        navigate(`/console/admin/users/${saved.id}`);
      }
    }, t('console.admin.saved'));
  };

  const setActiveFlag = async (next: boolean) => {
    if (!user) return;
    await toggle.run(async () => {
      const saved = await api<User>('PATCH', `/users/${user.id}`, { active: next }, { ifMatch: `"v${version}"` });
      setVersion(saved.version);
      setActive(saved.active);
      await reloadDirectory({ teams: true });
    }, next ? t('console.user.reactivated') : t('console.user.deactivated'));
  };

  return (
    <Section id="user-form" title={user ? user.name : t('console.user.new')}>
      <BackLink href="/console/admin/users" />
      {user && (
        <p>
          <ActiveWord active={active} /> · {t('console.admin.created')} <DateTime iso={user.created_at} />
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.user.account')}</legend>
          <div class="form-grid">
            <Field
              label={t('console.user.organization')}
              as="select"
              value={orgId}
              onValue={(v) => {
                setOrgId(v);
                setRole('');
              }}
              required
              disabled={!!user}
              error={errors.organization_id}
              options={[{ value: '', label: t('console.choose') }, ...[...organizations.value.values()].map((o) => ({ value: String(o.id), label: `${o.name} (${kindLabel(o.kind)})` }))]}
            />
            <Field label={t('console.admin.name')} value={name} onValue={setName} required error={errors.name} />
            <Field label={t('console.user.email')} type="email" value={email} onValue={setEmail} required error={errors.email} autoComplete="off" />
            <Field
              label={t('console.user.role')}
              as="select"
              value={role}
              onValue={setRole}
              required
              disabled={self}
              error={errors.role}
              options={[{ value: '', label: t('console.choose') }, ...roles.map(optionBy(roleLabel))]}
            />
            {!user && (
              <Field
                label={t('console.user.password')}
                type="password"
                value={password}
                onValue={setPassword}
                error={errors.password}
                hint={t('console.user.password_hint')}
                autoComplete="new-password"
              />
            )}
          </div>
          {user && staffUser && (
            <fieldset class="form-rows">
              <legend>{t('console.user.teams')}</legend>
              {teams.value.map((tm) => (
                <label key={tm.id} class="inline-check">
                  <input type="checkbox" checked={memberOf.includes(tm.id)} onChange={(e) => setMemberOf((x) => (e.currentTarget.checked ? [...x, tm.id] : x.filter((y) => y !== tm.id)))} />
                  {tm.name}
                </label>
              ))}
              {errors.teams && <p class="field__error">{errors.teams}</p>}
            </fieldset>
          )}
        </fieldset>
        {canEdit && (
          <SaveRow busy={action.busy} label={user ? t('common.save') : t('console.user.create')}>
            {user && !self && active && (
              <ConfirmButton
                label={t('console.user.deactivate')}
                title={t('console.user.deactivate_title', { name: user.name })}
                text={<p>{t('console.user.deactivate_text')}</p>}
                busy={toggle.busy}
                onConfirm={() => setActiveFlag(false)}
              />
            )}
            {user && !self && !active && (
              <Button busy={toggle.busy} onClick={() => void setActiveFlag(true)}>
                {t('console.user.reactivate')}
              </Button>
            )}
          </SaveRow>
        )}
        <FormOutcome action={action} shownFields={Object.keys(errors)} also={toggle} onReload={() => void reloadDirectory({ teams: true })} />
      </form>
    </Section>
  );
}

export function OrganizationsAdmin({ item, can }: SectionProps) {
  const [kind, setKind] = useState('');
  if (item === 'new') return can.manageOrganizations ? <OrganizationForm org={null} /> : null;
  if (item) {
    const org = organizations.value.get(Number(item));
    if (!org) return <NotFound />;
    return <OrganizationForm org={org} canEdit={can.manageOrganizations} />;
  }
  const rows = [...organizations.value.values()].filter((o) => !kind || o.kind === kind);
  return (
    <ListSection id="orgs" title={t('console.admin.section.organizations')} newHref={can.manageOrganizations && '/console/admin/organizations/new'} newLabel={t('console.org.new')}>
      <div class="toolbar">
        <Field
          label={t('console.org.kind')}
          as="select"
          value={kind}
          onValue={setKind}
          options={[{ value: '', label: t('console.org.all_kinds') }, ...['partner', 'reseller', 'customer', 'provider'].map(optionBy(kindLabel))]}
        />
      </div>
      <DataTable
        caption={t('console.admin.section.organizations')}
        captionHidden
        rows={rows}
        rowKey={(o) => o.id}
        defaultSort={{ key: 'name', dir: 'asc' }}
        columns={[
          { key: 'name', label: t('console.admin.name'), rowHeader: true, render: (o) => <Link href={`/console/admin/organizations/${o.id}`}>{o.name}</Link>, sortValue: (o) => o.name },
          { key: 'kind', label: t('console.org.kind'), render: (o) => kindLabel(o.kind), sortValue: (o) => o.kind },
          { key: 'parent', label: t('console.org.parent'), render: (o) => (o.parent_id ? orgName(o.parent_id) : '—') },
          { key: 'domains', label: t('console.org.domains'), render: (o) => o.domains.join(', ') },
          { key: 'zone', label: t('console.calendar.time_zone'), render: (o) => o.time_zone },
          { key: 'active', label: t('console.org.active'), render: (o) => <ActiveWord active={o.active} />, sortValue: (o) => (o.active ? 0 : 1) },
        ]}
      />
    </ListSection>
  );
}

function OrganizationForm({ org, canEdit = true }: { org: Organization | null; canEdit?: boolean }) {
  const [kind, setKind] = useState<string>(org?.kind ?? 'customer');
  const [name, setName] = useState(org?.name ?? '');
  const [parent, setParent] = useState(org?.parent_id ? String(org.parent_id) : '');
  const [domains, setDomains] = useState(org?.domains.join(', ') ?? '');
  const [tenant, setTenant] = useState(org?.tenant_id ?? '');
  const [country, setCountry] = useState(org?.country ?? 'KR');
  const [loc, setLoc] = useState(org?.locale ?? 'ko-KR');
  const [zone, setZone] = useState(org?.time_zone ?? 'Asia/Seoul');
  const [version, setVersion] = useState(org?.version ?? 0);
  const [active, setActive] = useState(org?.active ?? true);
  const action = useAction();
  const toggle = useAction();
  const errors = action.fieldErrors;
  const parents = [...organizationsOfKind('partner'), ...organizationsOfKind('reseller')];

  const submit = async (e: Event) => {
    e.preventDefault();
    await action.run(async () => {
      if (org) {
        const body: Record<string, unknown> = {};
        if (name !== org.name) body.name = name;
        const d = splitList(domains);
        if (d.join(',') !== org.domains.join(',')) body.domains = d;
        if ((tenant || '') !== (org.tenant_id ?? '')) body.tenant_id = tenant;
        if (country !== org.country) body.country = country;
        if (loc !== org.locale) body.locale = loc;
        if (zone !== org.time_zone) body.time_zone = zone;
        if (org.kind === 'customer' && parent && Number(parent) !== org.parent_id) body.parent_id = Number(parent);
        if (Object.keys(body).length === 0) return;
        const saved = await api<Organization>('PATCH', `/organizations/${org.id}`, body, { ifMatch: `"v${version}"` });
        setVersion(saved.version);
        await reloadDirectory({ teams: true });
      } else {
        const body: Record<string, unknown> = { kind, name, domains: splitList(domains), country, locale: loc, time_zone: zone };
        if (parent) body.parent_id = Number(parent);
        if (tenant && kind === 'customer') body.tenant_id = tenant;
        const saved = await api<Organization>('POST', '/organizations', body);
        await reloadDirectory({ teams: true });
        navigate(`/console/admin/organizations/${saved.id}`);
      }
    }, t('console.admin.saved'));
  };

  const setActiveFlag = async (next: boolean) => {
    if (!org) return;
    await toggle.run(async () => {
      const saved = await api<Organization>('PATCH', `/organizations/${org.id}`, { active: next }, { ifMatch: `"v${version}"` });
      setVersion(saved.version);
      setActive(saved.active);
      await reloadDirectory({ teams: true });
    }, next ? t('console.org.reactivated') : t('console.org.deactivated'));
  };

  return (
    <Section id="org-form" title={org ? org.name : t('console.org.new')}>
      <BackLink href="/console/admin/organizations" />
      {org && (
        <p>
          {kindLabel(org.kind)} · <ActiveWord active={active} />
          {org.deactivated_at && (
            <>
              {' '}
              (<DateTime iso={org.deactivated_at} />)
            </>
          )}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)}>
        <fieldset disabled={!canEdit} class="form-rows">
          <legend>{t('console.org.profile')}</legend>
          <div class="form-grid">
            {!org && (
              <Field
                label={t('console.org.kind')}
                as="select"
                value={kind}
                onValue={setKind}
                error={errors.kind}
                options={['customer', 'reseller', 'provider'].map(optionBy(kindLabel))}
              />
            )}
            <Field label={t('console.admin.name')} value={name} onValue={setName} required error={errors.name} />
            {((!org && kind === 'customer') || org?.kind === 'customer') && (
              <Field
                label={t('console.org.parent')}
                as="select"
                value={parent}
                onValue={setParent}
                error={errors.parent_id}
                hint={org ? t('console.org.move_hint') : undefined}
                options={[{ value: '', label: t('console.org.parent_default') }, ...parents.map((o) => ({ value: String(o.id), label: o.name }))]}
              />
            )}
            <Field label={t('console.org.domains')} value={domains} onValue={setDomains} error={errors.domains} hint={t('console.org.domains_hint')} />
            {((!org && kind === 'customer') || org?.kind === 'customer') && (
              <Field label={t('console.org.tenant_id')} value={tenant} onValue={setTenant} error={errors.tenant_id} hint={t('console.org.tenant_hint')} />
            )}
            <Field label={t('console.org.country')} value={country} onValue={setCountry} error={errors.country} controlProps={{ maxLength: 2 }} />
            <Field label={t('console.org.locale')} value={loc} onValue={setLoc} error={errors.locale} hint="ko-KR, en-US" />
            <Field label={t('console.calendar.time_zone')} value={zone} onValue={setZone} error={errors.time_zone} controlProps={{ list: 'org-tz' }} />
          </div>
          <TimeZoneList id="org-tz" />
        </fieldset>
        {canEdit && (
          <SaveRow busy={action.busy} label={org ? t('common.save') : t('console.org.create')}>
            {org && org.kind !== 'partner' && active && (
              <ConfirmButton
                label={t('console.org.deactivate')}
                title={t('console.org.deactivate_title', { name: org.name })}
                text={<p>{t('console.org.deactivate_text')}</p>}
                busy={toggle.busy}
                onConfirm={() => setActiveFlag(false)}
              />
            )}
            {org && !active && (
              <Button busy={toggle.busy} onClick={() => void setActiveFlag(true)}>
                {t('console.org.reactivate')}
              </Button>
            )}
          </SaveRow>
        )}
        <FormOutcome action={action} shownFields={Object.keys(errors)} also={toggle} />
      </form>
    </Section>
  );
}
