// The signed-in user (GET /api/v1/me) and signing out.
import { signal } from '@preact/signals';
import { api } from './api';
import { applyOrganizationLocale } from './i18n';
import { setTimeZone } from './format';
import type { Me, Role } from './types';

export type { Me, OrgKind, Organization, Role, User } from './types';

export const me = signal<Me | null>(null);

export const PORTAL_ROLES: readonly Role[] = ['requester', 'customer_admin'];

export function isPortalRole(role: string | undefined): boolean {
  return role === 'requester' || role === 'customer_admin';
}

/** Load /me (a 401 sends the browser to /signin), set the time zone and the organisation's locale. */
export async function loadMe(): Promise<Me> {
  const user = await api<Me>('GET', '/me');
  setTimeZone(user.organization?.time_zone);
  applyOrganizationLocale(user.organization?.locale);
  me.value = user;
  return user;
}

/** Revoke the session (the server clears both cookies) and go to the sign-in page. */
export async function signOut(): Promise<void> {
  try {
    await api<void>('POST', '/auth/logout', undefined, { noAuthRedirect: true });
  } catch {
    // already signed out or the server is away: the sign-in page is still where to go
  }
  me.value = null;
  window.location.assign('/signin?reason=signed_out');
}
