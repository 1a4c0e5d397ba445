import { describe, expect, it } from 'vitest';
import { costOf, defaultOption, escalationBody, optionKey, orderOptions } from './ticket/escalation';
import type { EscalationOption } from './types';

function option(o: Partial<EscalationOption>): EscalationOption {
  return {
    entitlement_id: null,
    kind: 'commercial',
    title: 'Commercial support',
    name: 'Commercial support',
    eligible: true,
    reason: null,
    reasons: [],
    unit: 'unlimited',
    left: null,
    currency: '',
    marginal_cost: 0,
    preferred: false,
    ...o,
  };
}

const commercial = option({ eligible: false, reasons: ['commercial support covers billing and subscription problems only'] });
const premier = option({ entitlement_id: 2, kind: 'premier', name: 'Premier 2026', unit: 'hours', currency: 'USD', marginal_cost: 32000 });
const advanced = option({ entitlement_id: 3, kind: 'advanced', name: 'Advanced', unit: 'incidents', currency: 'USD', marginal_cost: 50000 });
const csp = option({ entitlement_id: 4, kind: 'csp_technical', name: 'CSP technical', currency: 'USD', marginal_cost: 10000, preferred: true });
const signature = option({ entitlement_id: 5, kind: 'signature', eligible: false, reasons: ['needs a competency', 'exhausted'] });

describe('escalation options', () => {
  it('puts the preferred path first, then eligible by cost, then the closed ones in server order', () => {
    const ordered = orderOptions([commercial, premier, advanced, signature, csp]);
    expect(ordered.map((o) => o.kind)).toEqual(['csp_technical', 'premier', 'advanced', 'commercial', 'signature']);
  });

  it('keeps every path, closed ones included', () => {
    expect(orderOptions([commercial, signature])).toHaveLength(2);
  });

  it('offers the preferred eligible path, else the first eligible, else none', () => {
    expect(defaultOption([commercial, premier, csp])).toBe(csp);
    expect(defaultOption([commercial, premier, advanced])).toBe(premier);
    expect(defaultOption([commercial, signature])).toBeNull();
    // A path marked preferred but not eligible is never offered.
    expect(defaultOption([option({ preferred: true, eligible: false }), premier])).toBe(premier);
  });

  it('always names the path when escalating (null is commercial support)', () => {
    expect(escalationBody(commercial, {})).toEqual({ entitlement_id: null });
    expect(escalationBody(premier, { severity: 'critical', support_topic: ' vm ', case_number: '', share_case_number: true })).toEqual({
      entitlement_id: 2,
      severity: 'critical',
      support_topic: 'vm',
      share_case_number: true,
    });
    expect(optionKey(commercial)).toBe('commercial');
    expect(optionKey(premier)).toBe('2');
  });

  it('says what a case costs, or nothing when free', () => {
    expect(costOf(premier)).toEqual({ amount: 32000, currency: 'USD' });
    expect(costOf(commercial)).toBeNull();
  });
});

import { caseTransitions, mayWriteNotes } from './ticket/escalation';

describe('vendor cases', () => {
  it('moves as the server allows', () => {
    expect(caseTransitions('draft')).toEqual(['submitted', 'closed']);
    expect(caseTransitions('submitted')).toEqual(['open', 'attention_needed', 'closed']);
    expect(caseTransitions('closed')).toEqual([]);
  });
  it('writes notes only through a connector, on a case still open', () => {
    expect(mayWriteNotes({ connector: 'manual', status: 'open' })).toBe(false);
    expect(mayWriteNotes({ connector: 'partner_center', status: 'open' })).toBe(true);
    expect(mayWriteNotes({ connector: 'azure_support', status: 'closed' })).toBe(false);
  });
});
