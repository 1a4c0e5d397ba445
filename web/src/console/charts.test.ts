import { describe, expect, it } from 'vitest';
import { ageBucket, backlogByAge, burnDown, escalationsPivot, marginByCurrency, slaCompliance, toMajor } from './dashboards/charts';
import { clock, ticket } from './testdata';

describe('chart data', () => {
  it('computes SLA compliance by team and severity from finished clocks', () => {
    const table = slaCompliance([
      ticket({ team_id: 3, severity: 'critical', sla: { first_response: clock('met'), next_response: null, resolution: clock('breached'), next_due_at: null, breached: true } }),
      ticket({ team_id: 3, severity: 'critical', sla: { first_response: clock('met'), next_response: null, resolution: clock('running'), next_due_at: null, breached: false } }),
      ticket({ team_id: null, severity: 'minimal', sla: { first_response: clock('paused'), next_response: null, resolution: null, next_due_at: null, breached: false } }),
      ticket({ team_id: 1, severity: 'moderate', sla: { first_response: clock('met'), next_response: null, resolution: null, next_due_at: null, breached: false } }),
    ]);
    expect(table.teams).toEqual([1, 3, null]);
    expect(table.cells.get(3)!.critical).toEqual({ met: 2, breached: 1, percent: 66.7 });
    expect(table.cells.get(3)!.moderate.percent).toBeNull();
    expect(table.cells.get(null)!.minimal).toEqual({ met: 0, breached: 0, percent: null });
    expect(table.cells.get(1)!.moderate.percent).toBe(100);
  });

  it('puts live tickets into age buckets by severity', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(ageBucket('2026-11-30T12:00:00Z', now)).toBe('lt1d');
    expect(ageBucket('2026-11-29T00:00:00Z', now)).toBe('1to3d');
    expect(ageBucket('2026-11-20T00:00:00Z', now)).toBe('7to30d');
    expect(ageBucket('2026-01-01T00:00:00Z', now)).toBe('gt30d');
    const counts = backlogByAge(
      [
        ticket({ severity: 'critical', created_at: '2026-11-30T12:00:00Z' }),
        ticket({ severity: 'critical', created_at: '2026-11-30T13:00:00Z' }),
        ticket({ severity: 'minimal', created_at: '2026-11-26T00:00:00Z' }),
        ticket({ severity: 'minimal', created_at: '2026-11-26T00:00:00Z', status: 'closed' }),
      ],
      now,
    );
    expect(counts.critical).toEqual([2, 0, 0, 0, 0]);
    expect(counts.minimal).toEqual([0, 0, 1, 0, 0]);
    expect(counts.moderate).toEqual([0, 0, 0, 0, 0]);
  });

  it('pivots escalations per path per month, filling empty months with zero', () => {
    const pivot = escalationsPivot([
      { month: '2026-11', kind: 'premier', title: 'Premier', cases: 2 },
      { month: '2026-10', kind: 'commercial', title: 'Commercial', cases: 5 },
      { month: '2026-11', kind: 'commercial', title: 'Commercial', cases: 1 },
    ]);
    expect(pivot.months).toEqual(['2026-10', '2026-11']);
    expect(pivot.kinds).toEqual([
      { kind: 'premier', title: 'Premier', cases: [0, 2] },
      { kind: 'commercial', title: 'Commercial', cases: [5, 1] },
    ]);
  });

  it('projects entitlement burn-down at the 90-day pace, until it runs out or expires', () => {
    const data = burnDown(
      [
        { entitlement_id: 1, kind: 'premier', name: 'Premier', unit: 'hours', capacity: 6000, consumed: 3000, left: 3000, used_last_90_days: 2700, valid_to: '2026-02-01', projected_exhaustion: '2026-02-10', runs_out_before_expiry: false },
        { entitlement_id: 2, kind: 'csp_technical', name: 'CSP', unit: 'unlimited', capacity: null, consumed: 0, left: null, used_last_90_days: 0, valid_to: null, projected_exhaustion: null, runs_out_before_expiry: false },
        { entitlement_id: 3, kind: 'advanced', name: 'Advanced', unit: 'incidents', capacity: 10, consumed: 2, left: 8, used_last_90_days: 0, valid_to: null, projected_exhaustion: null, runs_out_before_expiry: false },
      ],
      '2026-01-01',
      70,
      7,
    );
    expect(data.x).toHaveLength(11);
    expect(data.x[0]).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(data.series.map((s) => s.id)).toEqual([1, 3]);
    // 3000 minutes = 50 h, 30 min a day: 46.5 h after a week; after 31 days it expired.
    expect(data.series[0].values.slice(0, 3)).toEqual([50, 46.5, 43]);
    expect(data.series[0].values[5]).toBeNull();
    expect(data.series[1].values.every((v) => v === 8)).toBe(true);
  });

  it('keeps margins per currency', () => {
    const charts = marginByCurrency([
      { customer_id: 4, customer: 'Seoul', currency: 'KRW', revenue: 1000, internal_cost: 100, provider_cost: 50, vendor_cost: 0, margin: 850 },
      { customer_id: 5, customer: 'Alpine', currency: 'EUR', revenue: 5000, internal_cost: 0, provider_cost: 0, vendor_cost: 1000, margin: 4000 },
      { customer_id: 6, customer: 'Busan', currency: 'KRW', revenue: 0, internal_cost: 10, provider_cost: 0, vendor_cost: 0, margin: -10 },
    ]);
    expect(charts.map((c) => c.currency)).toEqual(['KRW', 'EUR']);
    expect(charts[0]).toEqual({ currency: 'KRW', customers: ['Seoul', 'Busan'], revenue: [1000, 0], cost: [150, 10], margin: [850, -10] });
    expect(toMajor(12345, 'USD')).toBe(123.45);
    expect(toMajor(150000, 'KRW')).toBe(150000);
  });
});
