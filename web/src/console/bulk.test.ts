import { describe, expect, it } from 'vitest';
import { isValidTag, patchFor, runBulk, summarise } from './queue/bulk';
import { ticket } from './testdata';

describe('bulk actions', () => {
  it('builds the PATCH body, or none when nothing would change', () => {
    expect(patchFor(ticket({ assignee_id: 3 }), { kind: 'assign', assigneeId: 5 })).toEqual({ assignee_id: 5 });
    expect(patchFor(ticket({ assignee_id: 3 }), { kind: 'assign', assigneeId: 3 })).toBeNull();
    expect(patchFor(ticket({ assignee_id: 3 }), { kind: 'assign', assigneeId: null })).toEqual({ assignee_id: null });
    expect(patchFor(ticket({ status: 'open' }), { kind: 'status', status: 'pending_customer' })).toEqual({ status: 'pending_customer' });
    expect(patchFor(ticket({ tags: ['compute'] }), { kind: 'tag', tag: ' Azure ' })).toEqual({ tags: ['azure', 'compute'] });
    expect(patchFor(ticket({ tags: ['compute'] }), { kind: 'tag', tag: 'COMPUTE' })).toBeNull();
  });

  it('checks tags as the server does', () => {
    expect(isValidTag('vip')).toBe(true);
    expect(isValidTag('a b')).toBe(false);
    expect(isValidTag('')).toBe(false);
  });

  it('sends If-Match with the version shown and reports each ticket', async () => {
    const calls: [number, unknown, string][] = [];
    const tickets = [
      ticket({ id: 1, version: 4, status: 'open' }),
      ticket({ id: 2, version: 9, status: 'open' }),
      ticket({ id: 3, version: 1, status: 'resolved' }),
      ticket({ id: 4, version: 2, status: 'pending_customer' }),
    ];
    const results = await runBulk(tickets, { kind: 'status', status: 'resolved' }, async (id, body, ifMatch) => {
      calls.push([id, body, ifMatch]);
      if (id === 2) throw Object.assign(new Error('x'), { type: '/problems/precondition-failed', detail: 'the ticket was changed by someone else; reload it' });
      if (id === 4) throw Object.assign(new Error('x'), { type: '/problems/missing-fields', detail: 'fields are missing' });
    });
    expect(calls.map((c) => [c[0], c[2]]).sort()).toEqual([[1, '"v4"'], [2, '"v9"'], [4, '"v2"']]);
    expect(results.map((r) => r.outcome)).toEqual(['changed', 'failed', 'unchanged', 'failed']);
    expect(results[1]).toMatchObject({ id: 2, type: 'precondition-failed', error: 'the ticket was changed by someone else; reload it' });
    const summary = summarise(results);
    expect(summary.changed).toBe(1);
    expect(summary.unchanged).toBe(1);
    expect(summary.failed.map((r) => r.id)).toEqual([2, 4]);
  });

  it('never throws, whatever the patch function throws', async () => {
    const results = await runBulk([ticket()], { kind: 'tag', tag: 'x' }, async () => {
      throw 'network down';
    });
    expect(results[0]).toMatchObject({ outcome: 'failed', error: 'network down' });
  });
});
