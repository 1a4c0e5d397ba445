import { describe, expect, it } from 'vitest';
import { countOf, defaultView, viewPath, viewRequest, viewsFor } from './queue/views';
import { ticket } from './testdata';

function params(query: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(query));
}

describe('queue views', () => {
  it('asks for my tickets by next SLA due and keeps the live ones', () => {
    const r = viewRequest('mine', { userId: 7 });
    expect(params(r.query)).toEqual({ assignee_id: '7', sort: 'next_due', limit: '50' });
    expect(r.keep!(ticket({ status: 'open' }))).toBe(true);
    expect(r.keep!(ticket({ status: 'pending_customer' }))).toBe(true);
    expect(r.keep!(ticket({ status: 'resolved' }))).toBe(false);
    expect(r.keep!(ticket({ status: 'closed' }))).toBe(false);
    expect(r.possible).toBe(true);
  });

  it('asks for a team only when there is one', () => {
    expect(params(viewRequest('team', { userId: 7, teamId: 3 }).query)).toEqual({ team_id: '3', sort: 'next_due', limit: '50' });
    expect(viewRequest('team', { userId: 7 }).possible).toBe(false);
  });

  it('finds unassigned live tickets on the client (the API has no such filter)', () => {
    const r = viewRequest('unassigned', { userId: 7 });
    expect(params(r.query)).toEqual({ sort: 'next_due', limit: '50' });
    expect(r.keep!(ticket({ assignee_id: null }))).toBe(true);
    expect(r.keep!(ticket({ assignee_id: 3 }))).toBe(false);
    expect(r.keep!(ticket({ assignee_id: null, status: 'closed' }))).toBe(false);
  });

  it('uses the sla filter for breaching soon and breached', () => {
    expect(params(viewRequest('breaching', { userId: 1 }).query).sla).toBe('due_within:120');
    expect(viewRequest('breaching', { userId: 1 }).keep).toBeUndefined();
    expect(params(viewRequest('breached', { userId: 1 }).query).sla).toBe('breached');
  });

  it('filters pending vendor on the server', () => {
    expect(params(viewRequest('pending_vendor', { userId: 1 }).query)).toEqual({ status: 'pending_vendor', sort: 'next_due', limit: '50' });
  });

  it('passes sort, cursor and limit through', () => {
    const r = viewRequest('open', { userId: 1 }, { sort: '-updated', cursor: 'abc', limit: 200 });
    expect(params(r.query)).toEqual({ sort: '-updated', limit: '200', cursor: 'abc' });
  });

  it('searches by words, newest change first', () => {
    const r = viewRequest('search', { userId: 1, q: '  outlook sign*  ' });
    expect(params(r.query)).toEqual({ q: 'outlook sign*', sort: '-updated', limit: '50' });
    expect(viewRequest('search', { userId: 1, q: ' ' }).possible).toBe(false);
  });

  it('counts what a view keeps, and says when there is more', () => {
    const items = [ticket({ id: 1 }), ticket({ id: 2, status: 'closed' })];
    expect(countOf(items, null, viewRequest('open', { userId: 1 }).keep)).toEqual({ count: 1, more: false });
    expect(countOf(items, 'next', undefined)).toEqual({ count: 2, more: true });
  });

  it('gives each role its views and default', () => {
    expect(defaultView('agent')).toBe('mine');
    expect(defaultView('billing')).toBe('open');
    expect(viewsFor('provider_agent', false)).not.toContain('pending_vendor');
    expect(viewsFor('provider_agent', true)).not.toContain('team');
    expect(viewsFor('agent', true)).toContain('team');
    expect(viewsFor('billing', false)).not.toContain('mine');
  });

  it('writes view paths with only the parameters that differ from the default', () => {
    expect(viewPath('mine')).toBe('/console/queue/mine');
    expect(viewPath('mine', { sort: 'next_due' })).toBe('/console/queue/mine');
    expect(viewPath('team', { team: 3, sort: '-created' })).toBe('/console/queue/team?team=3&sort=-created');
    expect(viewPath('search', { q: 'a b' })).toBe('/console/queue/search?q=a+b');
  });
});
