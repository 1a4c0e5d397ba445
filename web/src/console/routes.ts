// The console's addresses. Every page has one; the History API moves between them.
import { isSortKey, isViewId, type SortKey, type ViewId } from './queue/views';

export type ConsoleRoute =
  | { page: 'queue'; view: ViewId | null; sort: SortKey | null; team: number | null; q: string }
  | { page: 'ticket'; id: number }
  | { page: 'vendor-cases' }
  | { page: 'admin'; section: string | null; item: string | null }
  | { page: 'billing'; period: string | null }
  | { page: 'dashboards' }
  | { page: 'not-found' };

export const ADMIN_SECTIONS = [
  'calendars',
  'plans',
  'agreements',
  'entitlements',
  'competencies',
  'providers',
  'rules',
  'teams',
  'users',
  'organizations',
  'settings',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export function isAdminSection(text: string | null): text is AdminSection {
  return !!text && (ADMIN_SECTIONS as readonly string[]).includes(text);
}

function positive(text: string | undefined): number | null {
  if (!text || !/^[1-9][0-9]{0,15}$/.test(text)) return null;
  return Number(text);
}

export function isPeriod(text: string | null | undefined): text is string {
  if (!text) return false;
  const m = /^(20[0-9]{2})-(0[1-9]|1[0-2])$/.exec(text);
  return m !== null;
}

/** Reads a path below /console (and its query) into the page it names. */
export function parseRoute(path: string, query: URLSearchParams): ConsoleRoute {
  const trimmed = path.replace(/\/+$/, '');
  const parts = trimmed.split('/').filter(Boolean);
  if (parts[0] !== 'console') return { page: 'not-found' };
  const rest = parts.slice(1).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const sortText = query.get('sort');
  const sort = isSortKey(sortText) ? sortText : null;
  if (rest.length === 0) return { page: 'queue', view: null, sort, team: positive(query.get('team') ?? undefined), q: '' };
  switch (rest[0]) {
    case 'queue': {
      if (rest.length > 2) return { page: 'not-found' };
      const view = rest[1] ?? null;
      if (view !== null && !isViewId(view)) return { page: 'not-found' };
      return {
        page: 'queue',
        view: view as ViewId | null,
        sort,
        team: positive(query.get('team') ?? undefined),
        q: query.get('q') ?? '',
      };
    }
    case 'search':
      return { page: 'queue', view: 'search', sort, team: null, q: query.get('q') ?? '' };
    case 'tickets': {
      const id = positive(rest[1]);
      return id !== null && rest.length === 2 ? { page: 'ticket', id } : { page: 'not-found' };
    }
    case 'vendor-cases':
      return rest.length === 1 ? { page: 'vendor-cases' } : { page: 'not-found' };
    case 'admin': {
      const section = rest[1] ?? null;
      if (section !== null && !isAdminSection(section)) return { page: 'not-found' };
      if (rest.length > 3) return { page: 'not-found' };
      return { page: 'admin', section, item: rest[2] ?? null };
    }
    case 'billing': {
      if (rest.length > 2) return { page: 'not-found' };
      const period = rest[1] ?? null;
      if (period !== null && !isPeriod(period)) return { page: 'not-found' };
      return { page: 'billing', period };
    }
    case 'dashboards':
      return rest.length === 1 ? { page: 'dashboards' } : { page: 'not-found' };
    default:
      return { page: 'not-found' };
  }
}

export function ticketPath(id: number): string {
  return `/console/tickets/${id}`;
}

/** The month before the one `now` falls in, as YYYY-MM (the period billing usually works on). */
export function previousPeriod(now: Date): string {
  const y = now.getFullYear();
  const m = now.getMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

export function shiftPeriod(period: string, months: number): string {
  const [y, m] = period.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
