// The queue's saved views, as pure data: each view becomes the query string of one
// GET /api/v1/tickets request, plus (where the API has no filter for it) a test applied to the
// page it answers. The ticket list filters on one status, one assignee and one team; it has no
// "unassigned" and no "not closed" filter, so those views ask for everything by next SLA due
// and keep the live tickets on the client.
import type { Role, Ticket, TicketStatus } from '../types';

export type ViewId = 'mine' | 'team' | 'unassigned' | 'breaching' | 'breached' | 'pending_vendor' | 'open' | 'search';

export const VIEW_IDS: readonly ViewId[] = [
  'mine',
  'team',
  'unassigned',
  'breaching',
  'breached',
  'pending_vendor',
  'open',
];

export type SortKey = 'next_due' | '-updated' | '-created' | 'created' | 'updated';
export const SORT_KEYS: readonly SortKey[] = ['next_due', '-updated', '-created', 'created', 'updated'];

/** Minutes ahead that count as "breaching soon". */
export const BREACHING_SOON_MINUTES = 120;
export const PAGE_SIZE = 50;

export const LIVE_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_vendor'];

export function isLive(ticket: Pick<Ticket, 'status'>): boolean {
  return LIVE_STATUSES.includes(ticket.status);
}

export interface ViewContext {
  /** The signed-in user. */
  userId: number;
  /** The team the team view shows (one of the user's teams, or one picked). */
  teamId?: number | null;
  /** Full-text search words for the search view. */
  q?: string;
}

export interface ViewOptions {
  sort?: SortKey;
  cursor?: string | null;
  limit?: number;
}

export interface ViewRequest {
  /** The query string for GET /api/v1/tickets, without the '?'. */
  query: string;
  /** Applied to each item of the answer; undefined: keep everything. */
  keep?: (ticket: Ticket) => boolean;
  /** False when the view cannot be asked for (a team view without a team). */
  possible: boolean;
}

export function isViewId(text: string): text is ViewId {
  return (VIEW_IDS as readonly string[]).includes(text) || text === 'search';
}

export function isSortKey(text: string | null | undefined): text is SortKey {
  return !!text && (SORT_KEYS as readonly string[]).includes(text);
}

/** The default view of a role's console. */
export function defaultView(role: Role): ViewId {
  return role === 'billing' ? 'open' : 'mine';
}

/** The views a role sees in the queue navigation. */
export function viewsFor(role: Role, hasTeam: boolean): ViewId[] {
  return VIEW_IDS.filter((v) => {
    if (v === 'mine') return role !== 'billing';
    if (v === 'team') return hasTeam && (role === 'agent' || role === 'supervisor' || role === 'admin' || role === 'billing');
    // Only the partner's staff have tickets with Microsoft.
    if (v === 'pending_vendor') return role === 'agent' || role === 'supervisor' || role === 'admin' || role === 'billing';
    return true;
  });
}

export function defaultSort(view: ViewId): SortKey {
  return view === 'search' ? '-updated' : 'next_due';
}

/** The request for one page of a view. */
export function viewRequest(view: ViewId, ctx: ViewContext, options: ViewOptions = {}): ViewRequest {
  const params = new URLSearchParams();
  let keep: ((t: Ticket) => boolean) | undefined;
  let possible = true;
  switch (view) {
    case 'mine':
      params.set('assignee_id', String(ctx.userId));
      keep = isLive;
      break;
    case 'team':
      if (ctx.teamId) params.set('team_id', String(ctx.teamId));
      else possible = false;
      keep = isLive;
      break;
    case 'unassigned':
      keep = (t) => t.assignee_id === null && isLive(t);
      break;
    case 'breaching':
      params.set('sla', `due_within:${BREACHING_SOON_MINUTES}`);
      break;
    case 'breached':
      params.set('sla', 'breached');
      keep = isLive;
      break;
    case 'pending_vendor':
      params.set('status', 'pending_vendor');
      break;
    case 'open':
      keep = isLive;
      break;
    case 'search':
      if (ctx.q && ctx.q.trim()) params.set('q', ctx.q.trim());
      else possible = false;
      break;
  }
  params.set('sort', options.sort ?? defaultSort(view));
  params.set('limit', String(options.limit ?? PAGE_SIZE));
  if (options.cursor) params.set('cursor', options.cursor);
  return { query: params.toString(), keep, possible };
}

/** How a count reads: exact, or at least n when more pages were left. */
export interface ViewCount {
  count: number;
  more: boolean;
}

export function countOf(items: Ticket[], nextCursor: string | null, keep?: (t: Ticket) => boolean): ViewCount {
  const kept = keep ? items.filter(keep) : items;
  return { count: kept.length, more: nextCursor !== null };
}

/** The console path of a view, with the parameters that belong in the address. */
export function viewPath(view: ViewId, extra: { sort?: SortKey; team?: number | null; q?: string } = {}): string {
  const params = new URLSearchParams();
  if (extra.q) params.set('q', extra.q);
  if (extra.team) params.set('team', String(extra.team));
  if (extra.sort && extra.sort !== defaultSort(view)) params.set('sort', extra.sort);
  const query = params.toString();
  return `/console/queue/${view}${query ? `?${query}` : ''}`;
}
