import { useState } from 'preact/hooks';
import { api, ApiError, etagOf } from '../shared/api';
import { t } from '../shared/i18n';
import { roleLabel } from '../shared/labels';
import { me, type User } from '../shared/session';
import { useResource } from '../shared/resource';
import { Button, type Column, DataTable, DateTime, Dialog, ErrorNotice, errorText, Field, Loading, Notice, optionBy } from '../shared/ui';
import { PortalPage, isCustomerAdmin } from './App';
import { loadPeople } from './people';

type Editing = { mode: 'add' } | { mode: 'edit'; user: User };

export const PORTAL_ASSIGNABLE_ROLES = ['requester', 'customer_admin'] as const;

/** The PATCH body: only what changed (a patch that changes nothing writes nothing anyway). */
export function userPatch(before: Pick<User, 'name' | 'email' | 'role'>, after: { name: string; email: string; role: string }): Record<string, string> {
  const patch: Record<string, string> = {};
  if (after.name.trim() !== before.name) patch.name = after.name.trim();
  if (after.email.trim().toLowerCase() !== before.email.toLowerCase()) patch.email = after.email.trim();
  if (after.role !== before.role) patch.role = after.role;
  return patch;
}

function UserDialog({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: (message: string) => void }) {
  const user = editing.mode === 'edit' ? editing.user : null;
  const self = user?.id === me.value?.id;
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [role, setRole] = useState<string>(user?.role ?? 'requester');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (event: Event) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = t('portal.people.name_required');
    if (!email.trim() || !email.includes('@')) found.email = t('portal.people.email_required');
    setErrors(found);
    setError('');
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      if (!user) {
        const body: Record<string, unknown> = { organization_id: me.value!.organization.id, name: name.trim(), email: email.trim(), role };
        if (password) body.password = password;
        await api<User>('POST', '/users', body);
        onSaved(t('portal.people.added', { name: name.trim() }));
      } else {
        const patch = userPatch(user, { name, email, role });
        if (Object.keys(patch).length > 0) await api<User>('PATCH', `/users/${user.id}`, patch, { ifMatch: etagOf(user.version) });
        onSaved(t('portal.people.saved', { name: name.trim() }));
      }
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.errors);
      setError(err instanceof ApiError && err.status === 409 ? t('portal.people.duplicate') : errorText(err));
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} title={user ? t('portal.people.edit_title', { name: user.name }) : t('portal.people.add_title')}>
      {error && <Notice kind="error">{error}</Notice>}
      <form onSubmit={save} noValidate>
        <Field label={t('portal.people.name')} value={name} onValue={setName} error={errors.name} required autoComplete="off" />
        <Field label={t('portal.people.email')} type="email" value={email} onValue={setEmail} error={errors.email} required autoComplete="off" hint={t('portal.people.email_hint')} />
        <Field
          label={t('portal.people.role')}
          as="select"
          value={role}
          onValue={setRole}
          error={errors.role}
          disabled={self}
          hint={self ? t('portal.people.own_role') : t('portal.people.role_hint')}
          options={PORTAL_ASSIGNABLE_ROLES.map(optionBy(roleLabel))}
        />
        {!user && (
          <Field
            label={t('portal.people.password')}
            type="password"
            value={password}
            onValue={setPassword}
            error={errors.password}
            autoComplete="new-password"
            hint={t('portal.people.password_hint')}
          />
        )}
        <div class="dialog__footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {user ? t('common.save') : t('portal.people.add')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function PeoplePage() {
  const admin = isCustomerAdmin();
  const users = useResource((signal) => (admin ? api<{ items: User[] }>('GET', '/users', undefined, { signal }) : Promise.resolve({ items: [] })), [admin]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [confirm, setConfirm] = useState<User | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!admin) {
    return (
      <PortalPage title={t('portal.people.title')}>
        <Notice kind="info">{t('portal.admin_only')}</Notice>
      </PortalPage>
    );
  }

  const refresh = (text: string) => {
    setEditing(null);
    setConfirm(null);
    setMessage(text);
    users.reload();
    void loadPeople(true);
  };

  const setActive = async (user: User, active: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api<User>('PATCH', `/users/${user.id}`, { active }, { ifMatch: etagOf(user.version) });
      refresh(active ? t('portal.people.reactivated', { name: user.name }) : t('portal.people.deactivated', { name: user.name }));
    } catch (err) {
      setConfirm(null);
      setError(err);
      if (err instanceof ApiError && err.status === 412) users.reload();
    }
    setBusy(false);
  };

  const columns: Column<User>[] = [
    { key: 'name', label: t('portal.people.name'), rowHeader: true, render: (u) => u.name, sortValue: (u) => u.name },
    { key: 'email', label: t('portal.people.email'), render: (u) => u.email, sortValue: (u) => u.email },
    { key: 'role', label: t('portal.people.role'), render: (u) => roleLabel(u.role), sortValue: (u) => roleLabel(u.role) },
    {
      key: 'active',
      label: t('portal.people.state'),
      render: (u) => (u.active ? t('portal.people.active') : <strong>{t('portal.people.inactive')}</strong>),
      sortValue: (u) => (u.active ? 0 : 1),
    },
    { key: 'created', label: t('portal.people.since'), render: (u) => <DateTime iso={u.created_at} dateOnly />, sortValue: (u) => u.created_at },
    {
      key: 'actions',
      label: t('portal.people.actions'),
      render: (u) => (
        <span class="button-row button-row--tight">
          <Button variant="link" onClick={() => setEditing({ mode: 'edit', user: u })} aria-label={t('portal.people.edit_named', { name: u.name })}>
            {t('portal.people.edit')}
          </Button>
          {u.id !== me.value?.id &&
            (u.active ? (
              <Button variant="link" onClick={() => setConfirm(u)} aria-label={t('portal.people.deactivate_named', { name: u.name })}>
                {t('portal.people.deactivate')}
              </Button>
            ) : (
              <Button variant="link" onClick={() => void setActive(u, true)} disabled={busy} aria-label={t('portal.people.reactivate_named', { name: u.name })}>
                {t('portal.people.reactivate')}
              </Button>
            ))}
        </span>
      ),
    },
  ];

  return (
    <PortalPage
      title={t('portal.people.title')}
      titleActions={
        <Button variant="primary" onClick={() => setEditing({ mode: 'add' })}>
          {t('portal.people.add')}
        </Button>
      }
    >
      {message && <Notice kind="success">{message}</Notice>}
      <ErrorNotice error={error ?? users.error} />
      {!users.data ? (
        <Loading />
      ) : (
        <DataTable
          caption={t('portal.people.caption', { org: me.value!.organization.name })}
          columns={columns}
          rows={users.data.items.filter((u) => u.organization_id === me.value!.organization.id)}
          rowKey={(u) => u.id}
          defaultSort={{ key: 'name', dir: 'asc' }}
        />
      )}
      {editing && <UserDialog editing={editing} onClose={() => setEditing(null)} onSaved={refresh} />}
      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={t('portal.people.deactivate')}
        footer={
          <>
            <Button onClick={() => setConfirm(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" busy={busy} onClick={() => confirm && void setActive(confirm, false)}>
              {t('portal.people.deactivate')}
            </Button>
          </>
        }
      >
        <p>{confirm && t('portal.people.deactivate_confirm', { name: confirm.name })}</p>
      </Dialog>
    </PortalPage>
  );
}
