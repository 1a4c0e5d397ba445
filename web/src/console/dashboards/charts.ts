// Pure transforms from API answers to what the dashboards draw and tabulate. Each chart gets a
// table with the same numbers beside it.
import { currencyExponent } from '../../shared/format';
import type { EntitlementReportRow, MarginRow, Severity, Ticket, VendorEscalationRow } from '../types';

export const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minimal'];
const CLOCKS = ['first_response', 'next_response', 'resolution'] as const;

export interface ComplianceCell {
  met: number;
  breached: number;
  /** met / (met + breached) as a percentage with one decimal, or null when no clock finished. */
  percent: number | null;
}

export interface ComplianceTable {
  /** Team ids in order (null: tickets in no team), with the cells per severity. */
  teams: (number | null)[];
  cells: Map<number | null, Record<Severity, ComplianceCell>>;
}

function percent(met: number, breached: number): number | null {
  const total = met + breached;
  return total === 0 ? null : Math.round((met / total) * 1000) / 10;
}

/**
 * SLA compliance by team and severity: of the clocks that reached an outcome (met, or breached),
 * the share met. Running and paused clocks are not counted yet.
 */
export function slaCompliance(tickets: Pick<Ticket, 'team_id' | 'severity' | 'sla'>[]): ComplianceTable {
  const cells = new Map<number | null, Record<Severity, ComplianceCell>>();
  for (const ticket of tickets) {
    let row = cells.get(ticket.team_id);
    if (!row) {
      row = {
        critical: { met: 0, breached: 0, percent: null },
        moderate: { met: 0, breached: 0, percent: null },
        minimal: { met: 0, breached: 0, percent: null },
      };
      cells.set(ticket.team_id, row);
    }
    const cell = row[ticket.severity];
    if (!cell || !ticket.sla) continue;
    for (const name of CLOCKS) {
      const clock = ticket.sla[name];
      if (!clock) continue;
      if (clock.state === 'met') cell.met++;
      else if (clock.state === 'breached') cell.breached++;
    }
  }
  for (const row of cells.values()) for (const s of SEVERITIES) row[s].percent = percent(row[s].met, row[s].breached);
  const teams = [...cells.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  return { teams, cells };
}

export const AGE_BUCKETS = [
  { key: 'lt1d', upToDays: 1 },
  { key: '1to3d', upToDays: 3 },
  { key: '3to7d', upToDays: 7 },
  { key: '7to30d', upToDays: 30 },
  { key: 'gt30d', upToDays: Infinity },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]['key'];

export function ageBucket(createdAt: string, now: number): AgeBucket {
  const days = (now - Date.parse(createdAt)) / 86_400_000;
  for (const b of AGE_BUCKETS) if (days < b.upToDays) return b.key;
  return 'gt30d';
}

/** Live tickets counted by age (since opened) and severity: counts[severity][bucket index]. */
export function backlogByAge(
  tickets: Pick<Ticket, 'created_at' | 'severity' | 'status'>[],
  now: number,
): Record<Severity, number[]> {
  const counts: Record<Severity, number[]> = {
    critical: AGE_BUCKETS.map(() => 0),
    moderate: AGE_BUCKETS.map(() => 0),
    minimal: AGE_BUCKETS.map(() => 0),
  };
  for (const t of tickets) {
    if (t.status === 'resolved' || t.status === 'closed') continue;
    const index = AGE_BUCKETS.findIndex((b) => b.key === ageBucket(t.created_at, now));
    if (counts[t.severity]) counts[t.severity][index]++;
  }
  return counts;
}

export interface Pivot {
  months: string[];
  kinds: { kind: string; title: string; cases: number[] }[];
}

/** Vendor cases per path per month, months ascending, paths in the order first seen. */
export function escalationsPivot(rows: VendorEscalationRow[]): Pivot {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const kinds: Pivot['kinds'] = [];
  for (const row of rows) {
    let k = kinds.find((x) => x.kind === row.kind);
    if (!k) {
      k = { kind: row.kind, title: row.title, cases: months.map(() => 0) };
      kinds.push(k);
    }
    k.cases[months.indexOf(row.month)] += row.cases;
  }
  return { months, kinds };
}

/** Days since the epoch of a YYYY-MM-DD day (UTC). */
export function dayNumber(day: string): number {
  return Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

export interface BurnDown {
  /** x: unix seconds of each day shown. */
  x: number[];
  series: { id: number; name: string; unit: string; values: (number | null)[] }[];
}

/**
 * Entitlement burn-down: what is left of each limited entitlement, projected from today at its
 * 90-day pace, until it runs out or expires (whichever is first), over `horizonDays` days.
 * `left` is in the entitlement's unit (minutes for hours, shown as hours).
 */
export function burnDown(rows: EntitlementReportRow[], today: string, horizonDays = 365, stepDays = 7): BurnDown {
  const start = dayNumber(today);
  const x: number[] = [];
  for (let d = 0; d <= horizonDays; d += stepDays) x.push((start + d) * 86_400);
  const series: BurnDown['series'] = [];
  for (const row of rows) {
    if (row.unit === 'unlimited' || row.left === null) continue;
    const pace = row.used_last_90_days / 90; // per day
    const end = row.valid_to ? dayNumber(row.valid_to) - start : Infinity;
    const scale = row.unit === 'hours' ? 1 / 60 : 1;
    const values = x.map((_, i) => {
      const d = i * stepDays;
      if (d > end) return null;
      const left = Math.max(0, row.left! - pace * d);
      return Math.round(left * scale * 10) / 10;
    });
    series.push({ id: row.entitlement_id, name: row.name, unit: row.unit, values });
  }
  return { x, series };
}

export interface MarginChart {
  currency: string;
  customers: string[];
  revenue: number[];
  cost: number[];
  margin: number[];
}

/** Margin by customer, one chart per currency (amounts of different currencies never add up). */
export function marginByCurrency(rows: MarginRow[]): MarginChart[] {
  const charts: MarginChart[] = [];
  for (const row of rows) {
    let chart = charts.find((c) => c.currency === row.currency);
    if (!chart) {
      chart = { currency: row.currency, customers: [], revenue: [], cost: [], margin: [] };
      charts.push(chart);
    }
    chart.customers.push(row.customer);
    chart.revenue.push(row.revenue);
    chart.cost.push(row.internal_cost + row.provider_cost + row.vendor_cost);
    chart.margin.push(row.margin);
  }
  return charts;
}

/** Minor units as major units for an axis: 150000 KRW -> 150000, 12345 USD -> 123.45. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}
