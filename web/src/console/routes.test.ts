import { describe, expect, it } from 'vitest';
import { parseRoute, previousPeriod, shiftPeriod } from './routes';
import { buildTimeline, formatBytes, mayPublish, messageKind } from './ticket/conversation';
import { capabilitiesOf, mayHandBack, mayHandUp } from './roles';
import type { Attachment, Message } from './types';
import { ticket } from './testdata';

const q = (s = '') => new URLSearchParams(s);

describe('console routes', () => {
  it('reads every page from its address', () => {
    expect(parseRoute('/console', q())).toEqual({ page: 'queue', view: null, sort: null, team: null, q: '' });
    expect(parseRoute('/console/', q())).toMatchObject({ page: 'queue', view: null });
    expect(parseRoute('/console/queue/breaching', q('sort=-updated'))).toEqual({ page: 'queue', view: 'breaching', sort: '-updated', team: null, q: '' });
    expect(parseRoute('/console/queue/team', q('team=4&sort=bogus'))).toEqual({ page: 'queue', view: 'team', sort: null, team: 4, q: '' });
    expect(parseRoute('/console/search', q('q=outlook'))).toMatchObject({ page: 'queue', view: 'search', q: 'outlook' });
    expect(parseRoute('/console/tickets/301', q())).toEqual({ page: 'ticket', id: 301 });
    expect(parseRoute('/console/tickets/0', q())).toEqual({ page: 'not-found' });
    expect(parseRoute('/console/tickets/abc', q())).toEqual({ page: 'not-found' });
    expect(parseRoute('/console/vendor-cases', q())).toEqual({ page: 'vendor-cases' });
    expect(parseRoute('/console/admin', q())).toEqual({ page: 'admin', section: null, item: null });
    expect(parseRoute('/console/admin/calendars/new', q())).toEqual({ page: 'admin', section: 'calendars', item: 'new' });
    expect(parseRoute('/console/admin/nothing', q())).toEqual({ page: 'not-found' });
    expect(parseRoute('/console/billing/2026-11', q())).toEqual({ page: 'billing', period: '2026-11' });
    expect(parseRoute('/console/billing/2026-13', q())).toEqual({ page: 'not-found' });
    expect(parseRoute('/console/billing', q())).toEqual({ page: 'billing', period: null });
    expect(parseRoute('/console/dashboards', q())).toEqual({ page: 'dashboards' });
    expect(parseRoute('/console/queue/nope', q())).toEqual({ page: 'not-found' });
    expect(parseRoute('/portal', q())).toEqual({ page: 'not-found' });
  });

  it('moves between periods', () => {
    expect(previousPeriod(new Date(2026, 0, 15))).toBe('2025-12');
    expect(previousPeriod(new Date(2026, 10, 3))).toBe('2026-10');
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
  });
});

function message(m: Partial<Message>): Message {
  return { id: 1, ticket_id: 1, author_id: 3, kind: 'public_reply', visibility: 'public', shared_with_provider: false, body: 'x', created_at: '2026-11-24T04:00:00.000Z', ...m };
}

describe('conversation', () => {
  it('tells every kind of message apart', () => {
    expect(messageKind(message({ kind: 'customer_reply' }))).toBe('customer');
    expect(messageKind(message({ kind: 'public_reply' }))).toBe('reply');
    expect(messageKind(message({ kind: 'internal_note' }))).toBe('note');
    expect(messageKind(message({ kind: 'internal_note', shared_with_provider: true }))).toBe('shared');
    expect(messageKind(message({ kind: 'vendor_update' }))).toBe('vendor_in');
    expect(messageKind(message({ kind: 'vendor_update' }), 'to_vendor')).toBe('vendor_out');
    expect(messageKind(message({ kind: 'system' }))).toBe('system');
  });

  it('merges messages and files oldest first', () => {
    const file: Attachment = { id: 7, ticket_id: 1, filename: 'a.png', content_type: 'image/png', size: 3, sha256: '', visibility: 'internal', url: '/api/v1/tickets/1/attachments/7', created_at: '2026-11-24T04:00:00.000Z' };
    const timeline = buildTimeline(
      [message({ id: 2, created_at: '2026-11-24T05:00:00.000Z' }), message({ id: 1, kind: 'vendor_update', created_at: '2026-11-24T04:00:00.000Z' })],
      [file],
      [{ id: 1, vendor_case_id: 1, direction: 'from_vendor', author: 'Microsoft', body: 'x', message_id: 1, state: 'internal', sent_at: null, attempts: 0, last_error: null, published_message_id: null, created_at: '' }],
    );
    expect(timeline.map((i) => i.type)).toEqual(['message', 'attachment', 'message']);
    expect(mayPublish(timeline[0])).toBe(true);
    expect(mayPublish(timeline[1])).toBe(false);
    expect(mayPublish(timeline[2])).toBe(false);
    expect(formatBytes(48213)).toBe('47 KB');
  });
});

describe('roles', () => {
  it('hides what a role may not do', () => {
    expect(capabilitiesOf('billing').reply).toBe(false);
    expect(capabilitiesOf('billing').readBilling).toBe(true);
    expect(capabilitiesOf('provider_agent').setTeam).toBe(false);
    expect(capabilitiesOf('provider_agent').escalateToVendor).toBe(false);
    expect(capabilitiesOf('agent').escalateToVendor).toBe(true);
    expect(capabilitiesOf('supervisor').closeBilling).toBe(false);
    expect(capabilitiesOf('reseller_agent').handUp).toBe(true);
    expect(mayHandBack('provider_agent', ticket({ provider_id: 9 }))).toBe(true);
    expect(mayHandBack('agent', ticket({ provider_id: null }))).toBe(false);
    expect(mayHandUp('reseller_agent', ticket({ holder: 'reseller' }))).toBe(true);
    expect(mayHandUp('reseller_agent', ticket({ holder: 'partner' }))).toBe(false);
  });
});

import { nextClock } from './slaPick';
import { clock } from './testdata';

describe('next SLA clock', () => {
  it('shows a late running clock first, then the running one with least time left', () => {
    expect(nextClock(null)).toBeNull();
    expect(nextClock({ first_response: clock('met'), next_response: null, resolution: null, next_due_at: null, breached: false })).toBeNull();
    const sla = { first_response: clock('running', 300), next_response: null, resolution: clock('running', 100), next_due_at: null, breached: false };
    expect(nextClock(sla)!.name).toBe('resolution');
    const late = { first_response: clock('running', 300), next_response: clock('breached', -50), resolution: clock('paused', 10), next_due_at: null, breached: true };
    expect(nextClock(late)!.name).toBe('next_response');
    const paused = { first_response: clock('met'), next_response: null, resolution: clock('paused', 10), next_due_at: null, breached: false };
    expect(nextClock(paused)!.name).toBe('resolution');
  });
});

import { neighbour } from './queue/queueContext';

describe('queue context', () => {
  it('finds the previous and next ticket of the queue a ticket came from', () => {
    const context = { path: '/console/queue/mine', ids: [5, 9, 2] };
    expect(neighbour(context, 9, 1)).toBe(2);
    expect(neighbour(context, 9, -1)).toBe(5);
    expect(neighbour(context, 2, 1)).toBeNull();
    expect(neighbour(context, 5, -1)).toBeNull();
    expect(neighbour(context, 77, 1)).toBeNull();
    expect(neighbour(null, 9, 1)).toBeNull();
  });
});
