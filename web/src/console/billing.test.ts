import { describe, expect, it } from 'vitest';
import { approvalRows, periodTotals } from './billing/billing';
import type { ChargeLine, Statement } from './types';

function line(l: Partial<ChargeLine>): ChargeLine {
  return { kind: 'hourly', ticket_id: 1, description: '', rule: '', quantity: 1, unit: 'hours', unit_price: 100, amount: 100, currency: 'USD', time_entry_ids: [], prepaid_block_id: null, adjusts: null, ...l };
}
function statement(s: Partial<Statement>): Statement {
  return { customer_id: 4, customer: 'Seoul', period: '2026-11', status: 'open', closed_at: null, lines: [], totals: {}, usage: null, ...s };
}

describe('billing period', () => {
  it('lists the work waiting for approval with the latest decision', () => {
    const rows = approvalRows(
      [
        statement({
          lines: [
            line({ kind: 'needs_approval', ticket_id: 7, quantity: 30, unit: 'minutes', description: 'out of scope' }),
            line({ kind: 'needs_approval', ticket_id: 7, quantity: 15, unit: 'minutes' }),
            line({ kind: 'hourly', ticket_id: 8 }),
          ],
        }),
        statement({ customer_id: 5, customer: 'Busan', lines: [line({ kind: 'needs_approval', ticket_id: 9, quantity: 60, unit: 'minutes' })] }),
      ],
      [
        { id: 1, customer_id: 4, period: '2026-11', ticket_id: 7, decision: 'rejected', note: '', decided_by: 2, decided_at: '2026-12-01T00:00:00.000Z' },
        { id: 2, customer_id: 4, period: '2026-11', ticket_id: 7, decision: 'approved', note: 'ok', decided_by: 2, decided_at: '2026-12-02T00:00:00.000Z' },
      ],
    );
    expect(rows.map((r) => [r.customer_id, r.ticket_id, r.quantity, r.decision?.decision ?? null])).toEqual([
      [4, 7, 45, 'approved'],
      [5, 9, 60, null],
    ]);
  });

  it('adds totals per currency only', () => {
    expect(periodTotals([statement({ totals: { USD: 100, KRW: 5000 } }), statement({ totals: { USD: 50 } }), statement({ totals: {} })])).toEqual({ USD: 150, KRW: 5000 });
  });
});
