// Bulk actions on the queue's selection: one PATCH per ticket with If-Match of the version the
// queue showed, so a ticket someone changed meanwhile is reported, not overwritten.
import type { Ticket, TicketStatus } from '../types';

export type BulkAction =
  | { kind: 'assign'; assigneeId: number | null }
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'tag'; tag: string };

export type BulkOutcome = 'changed' | 'unchanged' | 'failed';

export interface BulkResult {
  id: number;
  subject: string;
  outcome: BulkOutcome;
  /** The API's words when it refused (problem detail), else ''. */
  error: string;
  /** The problem type's last segment ('precondition-failed', 'forbidden', ...), else ''. */
  type: string;
}

/** The tag as the server stores it: trimmed and lower case. */
export function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase();
}

export function isValidTag(tag: string): boolean {
  return /^[a-z0-9\-_.:]{1,64}$/.test(normaliseTag(tag));
}

/** The PATCH body for one ticket, or null when the ticket already is as asked. */
export function patchFor(ticket: Ticket, action: BulkAction): Record<string, unknown> | null {
  switch (action.kind) {
    case 'assign':
      return ticket.assignee_id === action.assigneeId ? null : { assignee_id: action.assigneeId };
    case 'status':
      return ticket.status === action.status ? null : { status: action.status };
    case 'tag': {
      const tag = normaliseTag(action.tag);
      if (ticket.tags.includes(tag)) return null;
      return { tags: [...ticket.tags, tag].sort() };
    }
  }
}

export type PatchFn = (id: number, body: Record<string, unknown>, ifMatch: string) => Promise<unknown>;

interface ProblemLike {
  detail?: string;
  message?: string;
  type?: string;
}

function describe(error: unknown): { error: string; type: string } {
  const e = (error ?? {}) as ProblemLike;
  const type = typeof e.type === 'string' ? e.type.split('/').pop() ?? '' : '';
  const text = typeof e.detail === 'string' && e.detail ? e.detail : typeof e.message === 'string' ? e.message : String(error);
  return { error: text, type };
}

/** Runs the action over the tickets, a few at a time, and reports each one. Never throws. */
export async function runBulk(tickets: Ticket[], action: BulkAction, patch: PatchFn, concurrency = 3): Promise<BulkResult[]> {
  const results: BulkResult[] = new Array(tickets.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < tickets.length) {
      const index = next++;
      const ticket = tickets[index];
      const body = patchFor(ticket, action);
      if (body === null) {
        results[index] = { id: ticket.id, subject: ticket.subject, outcome: 'unchanged', error: '', type: '' };
        continue;
      }
      try {
        await patch(ticket.id, body, `"v${ticket.version}"`);
        results[index] = { id: ticket.id, subject: ticket.subject, outcome: 'changed', error: '', type: '' };
      } catch (error) {
        results[index] = { id: ticket.id, subject: ticket.subject, outcome: 'failed', ...describe(error) };
      }
    }
  }
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, tickets.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}

export interface BulkSummary {
  changed: number;
  unchanged: number;
  failed: BulkResult[];
}

export function summarise(results: BulkResult[]): BulkSummary {
  return {
    changed: results.filter((r) => r.outcome === 'changed').length,
    unchanged: results.filter((r) => r.outcome === 'unchanged').length,
    failed: results.filter((r) => r.outcome === 'failed'),
  };
}
