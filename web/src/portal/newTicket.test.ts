import { describe, expect, it } from 'vitest';
import { acceptCharges, billedMinutes, canSubmit, checkFields, createBody, fieldsFor, formatProblem, previewView, priceOf, sameQuote } from './newTicket';
import type { Preview, Service } from './types';

const quote = { currency: 'KRW', hourly_rate: 150000, increment_minutes: 15, minimum_minutes: 30 };
const billable: Preview = { scope: 'out_of_scope_billable', reason: 'not covered; we can help at the quoted rate', quote, support_statement: '/support/4' };
const refused: Preview = { scope: 'refused', reason: "your support plan 'Basic' does not cover billing requests for azure", support_statement: '/support/4' };
const covered: Preview = { scope: 'in_scope', reason: '', support_statement: '/support/4' };

const azure: Service = {
  code: 'azure',
  name: 'Microsoft Azure',
  builtin: true,
  requirements: {
    fields: [
      { name: 'subscription_id', label: 'Azure subscription ID', format: 'guid', categories: ['technical'], group: '', customer_subscription: true },
      { name: 'tenant_domain', label: 'Tenant domain', format: 'domain', categories: [], group: 'tenant', customer_subscription: false },
      { name: 'tenant_id', label: 'Tenant ID', format: 'guid', categories: [], group: 'tenant', customer_subscription: false },
      { name: 'invoice', label: 'Invoice number', format: 'text', categories: ['billing'], group: '', customer_subscription: false },
    ],
    checklist: [],
  },
};

describe('preview to acceptance', () => {
  it('covered: may send, no acceptance', () => {
    const v = previewView(covered, false);
    expect(v.kind).toBe('covered');
    expect(canSubmit(v, false)).toBe(true);
    expect(acceptCharges(v, true)).toBeUndefined();
  });

  it('refused: never sent, the reason and the statement link are shown', () => {
    const v = previewView(refused, false);
    expect(v).toEqual({ kind: 'refused', reason: refused.reason, statement: '/support/4' });
    expect(canSubmit(v, true)).toBe(false);
  });

  it('billable: only once the box is ticked, and the POST echoes the quote', () => {
    const v = previewView(billable, false);
    expect(v.kind).toBe('billable');
    expect(canSubmit(v, false)).toBe(false);
    expect(canSubmit(v, true)).toBe(true);
    expect(acceptCharges(v, false)).toBeUndefined();
    expect(acceptCharges(v, true)).toEqual({ currency: 'KRW', hourly_rate: 150000 });
  });

  it('while the preview loads nothing is sent; when it failed the server decides', () => {
    expect(canSubmit(previewView(covered, true), true)).toBe(false);
    expect(previewView(null, false).kind).toBe('unknown');
    expect(canSubmit(previewView(null, false), false)).toBe(true);
    expect(previewView({ ...billable, quote: undefined }, false).kind).toBe('unknown');
  });

  it('a changed quote is a new one to accept', () => {
    expect(sameQuote(quote, { ...quote })).toBe(true);
    expect(sameQuote(quote, { ...quote, hourly_rate: 160000 })).toBe(false);
    expect(sameQuote(undefined, undefined)).toBe(true);
    expect(sameQuote(quote, undefined)).toBe(false);
  });

  it('the create body carries accept_charges only for an accepted billable request', () => {
    const form = { service: 'azure', category: 'technical' as const, severity: 'moderate' as const, subject: ' VM down ', description: ' since 09:10 ', fields: { subscription_id: ' 1a2b3c4d-0000-0000-0000-123456789abc ', invoice: 'INV-1', tenant_domain: '' } };
    const fields = fieldsFor(azure, 'technical');
    const body = createBody(form, fields, previewView(billable, false), true);
    expect(body).toEqual({
      service: 'azure',
      category: 'technical',
      severity: 'moderate',
      subject: 'VM down',
      description: 'since 09:10',
      channel: 'portal',
      fields: { subscription_id: '1a2b3c4d-0000-0000-0000-123456789abc' },
      accept_charges: { currency: 'KRW', hourly_rate: 150000 },
    });
    expect(createBody(form, fields, previewView(covered, false), true).accept_charges).toBeUndefined();
  });

  it('prices: rounded up to the increment, at least the minimum', () => {
    expect(billedMinutes(quote, 0)).toBe(30);
    expect(billedMinutes(quote, 31)).toBe(45);
    expect(billedMinutes(quote, 50)).toBe(60);
    expect(priceOf(quote, 50)).toBe(150000);
    expect(priceOf(quote, 0)).toBe(75000);
  });
});

describe('service requirements', () => {
  it('fields apply to their categories (none: every category)', () => {
    expect(fieldsFor(azure, 'technical').map((f) => f.name)).toEqual(['subscription_id', 'tenant_domain', 'tenant_id']);
    expect(fieldsFor(azure, 'billing').map((f) => f.name)).toEqual(['tenant_domain', 'tenant_id', 'invoice']);
    expect(fieldsFor(undefined, 'billing')).toEqual([]);
  });

  it('a group is satisfied by any of its fields; shapes are checked', () => {
    const fields = fieldsFor(azure, 'technical');
    expect(checkFields(fields, {})).toEqual([
      { name: 'subscription_id', problem: 'missing' },
      { name: 'tenant_domain', problem: 'missing' },
    ]);
    expect(checkFields(fields, { subscription_id: '1a2b3c4d-0000-0000-0000-123456789abc', tenant_id: 'nope' })).toEqual([{ name: 'tenant_id', problem: 'guid' }]);
    expect(formatProblem('domain', 'contoso.onmicrosoft.com')).toBe('');
    expect(formatProblem('domain', 'not a domain')).toBe('domain');
    expect(formatProblem('url', 'http://org.crm5.dynamics.com')).toBe('url');
    expect(formatProblem('url', 'https://org.crm5.dynamics.com')).toBe('');
  });
});
