// Names behind the ids a ticket carries (customers, users, teams, services, the partner), read
// once per page load and refreshed on demand. Each list is scoped by the server: a provider
// agent, for example, sees only its own organisation and users, and the console then shows the
// bare number ("#7") for what it may not see.
import { signal } from '@preact/signals';
import { api } from '../shared/api';
import type { Organization, Page, Service, Team, User } from './types';

export const users = signal<Map<number, User>>(new Map());
export const organizations = signal<Map<number, Organization>>(new Map());
export const teams = signal<Team[]>([]);
export const services = signal<Service[]>([]);
export const partnerName = signal<string>('');

let loading: Promise<void> | null = null;

function byId<T extends { id: number }>(items: T[]): Map<number, T> {
  return new Map(items.map((item) => [item.id, item]));
}

async function settle<T>(promise: Promise<T>, take: (value: T) => void): Promise<void> {
  try {
    take(await promise);
  } catch {
    // A list the role may not read (teams for some roles): the console shows ids instead.
  }
}

/** Loads the directory once; later calls wait for the same load. */
export function ensureDirectory(options: { teams: boolean }): Promise<void> {
  if (!loading) loading = reloadDirectory(options);
  return loading;
}

export async function reloadDirectory(options: { teams: boolean }): Promise<void> {
  await Promise.all([
    settle(api<Page<User>>('GET', '/users'), (p) => (users.value = byId(p.items))),
    settle(api<Page<Organization>>('GET', '/organizations'), (p) => (organizations.value = byId(p.items))),
    options.teams ? settle(api<Page<Team>>('GET', '/teams'), (p) => (teams.value = p.items)) : Promise.resolve(),
    settle(api<Page<Service>>('GET', '/services'), (p) => (services.value = p.items)),
    settle(api<{ name: string }>('GET', '/partner/support-profile'), (p) => (partnerName.value = p.name)),
  ]);
}

export function userName(id: number | null | undefined): string {
  if (id === null || id === undefined) return '';
  return users.value.get(id)?.name ?? `#${id}`;
}

export function orgName(id: number | null | undefined): string {
  if (id === null || id === undefined) return '';
  return organizations.value.get(id)?.name ?? `#${id}`;
}

export function teamName(id: number | null | undefined): string {
  if (id === null || id === undefined) return '';
  return teams.value.find((team) => team.id === id)?.name ?? `#${id}`;
}

export function serviceName(code: string): string {
  return services.value.find((s) => s.code === code)?.name ?? code;
}

/** The teams the user is a member of. */
export function teamsOf(userId: number): Team[] {
  return teams.value.filter((team) => team.members.includes(userId));
}

/** People who may be assigned a ticket: active partner staff (not billing), or the caller's own organisation. */
export function assignableUsers(ticket: { provider_id: number | null; reseller_id: number | null } | null): User[] {
  const list = [...users.value.values()].filter((u) => u.active);
  return list
    .filter((u) => {
      if (u.role === 'agent' || u.role === 'supervisor' || u.role === 'admin') return true;
      if (!ticket) return false;
      if (u.role === 'provider_agent') return ticket.provider_id === u.organization_id;
      if (u.role === 'reseller_agent') return ticket.reseller_id === u.organization_id;
      return false;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function organizationsOfKind(kind: Organization['kind']): Organization[] {
  return [...organizations.value.values()].filter((o) => o.kind === kind).sort((a, b) => a.name.localeCompare(b.name));
}
