// Fixtures for the console's unit tests, in the server's JSON shapes.
import type { SlaClockJson, Ticket } from './types';

export function clock(state: SlaClockJson['state'], remaining = 600): SlaClockJson {
  return {
    state,
    target_minutes: 60,
    basis: 'business',
    due_at: state === 'paused' ? null : '2026-11-30T08:00:00.000Z',
    consumed_seconds: 3600 - remaining,
    paused_seconds: 0,
    remaining_seconds: remaining,
    stopped_at: null,
    cycle: 0,
  };
}

export function ticket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 1,
    number: 1,
    customer_id: 4,
    requester_id: 10,
    reseller_id: null,
    provider_id: null,
    holder: 'partner',
    channel: 'portal',
    service: 'azure',
    category: 'technical',
    severity: 'moderate',
    subject: 'VM does not start',
    status: 'open',
    team_id: 3,
    assignee_id: 3,
    subscription_id: null,
    tags: ['compute'],
    fields: {},
    version: 4,
    scope: 'in_scope',
    statement_hash: '',
    agreement_id: 1,
    plan: { id: 1, version: 1 },
    quote: null,
    sla: { first_response: null, next_response: null, resolution: null, next_due_at: null, breached: false },
    underpinning: null,
    created_at: '2026-11-24T03:59:11.123Z',
    updated_at: '2026-11-24T03:59:11.123Z',
    ...overrides,
  };
}
