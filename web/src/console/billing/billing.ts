// Billing period helpers: the work waiting for approval, with the latest decision on it, and the
// period's totals per currency (currencies never add up).
import type { Approval, Statement } from '../types';

export interface ApprovalRow {
  customer_id: number;
  customer: string;
  ticket_id: number;
  description: string;
  quantity: number;
  unit: string;
  /** The latest decision for this customer and ticket in the period, if any. */
  decision: Approval | null;
}

/** One row per needs_approval line (per customer and ticket), with the latest decision. */
export function approvalRows(statements: Statement[], decisions: Approval[]): ApprovalRow[] {
  const latest = new Map<string, Approval>();
  for (const d of decisions) {
    const key = `${d.customer_id}-${d.ticket_id}`;
    const known = latest.get(key);
    if (!known || d.decided_at > known.decided_at || (d.decided_at === known.decided_at && d.id > known.id)) latest.set(key, d);
  }
  const rows: ApprovalRow[] = [];
  for (const s of statements) {
    for (const line of s.lines) {
      if (line.kind !== 'needs_approval' || line.ticket_id === null) continue;
      const key = `${s.customer_id}-${line.ticket_id}`;
      const existing = rows.find((r) => `${r.customer_id}-${r.ticket_id}` === key);
      if (existing) {
        existing.quantity += line.quantity;
        continue;
      }
      rows.push({
        customer_id: s.customer_id,
        customer: s.customer,
        ticket_id: line.ticket_id,
        description: line.description,
        quantity: line.quantity,
        unit: line.unit,
        decision: latest.get(key) ?? null,
      });
    }
  }
  return rows;
}

export function periodTotals(statements: Statement[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const s of statements) for (const [currency, amount] of Object.entries(s.totals)) totals[currency] = (totals[currency] ?? 0) + amount;
  return totals;
}
