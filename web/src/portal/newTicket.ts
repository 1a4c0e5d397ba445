// The logic of opening a ticket, apart from the page: what the preview means for the form, which
// fields the service needs, the body to send (with accept_charges echoing the quote).
import type { Category, Preview, Quote, RequirementField, Service, Severity } from './types';

export type PreviewView =
  | { kind: 'loading' }
  | { kind: 'unknown' } // the preview failed: the server decides at creation
  | { kind: 'covered'; reason: string }
  | { kind: 'billable'; reason: string; quote: Quote }
  | { kind: 'refused'; reason: string; statement: string };

export function previewView(preview: Preview | null | undefined, loading: boolean): PreviewView {
  if (loading) return { kind: 'loading' };
  if (!preview) return { kind: 'unknown' };
  switch (preview.scope) {
    case 'in_scope':
      return { kind: 'covered', reason: preview.reason };
    case 'out_of_scope_billable':
      if (!preview.quote) return { kind: 'unknown' };
      return { kind: 'billable', reason: preview.reason, quote: preview.quote };
    case 'refused':
      return { kind: 'refused', reason: preview.reason, statement: preview.support_statement };
    default:
      return { kind: 'unknown' };
  }
}

/** Whether the form may be sent: never while refused or loading; billable only once accepted. */
export function canSubmit(view: PreviewView, accepted: boolean): boolean {
  switch (view.kind) {
    case 'loading':
    case 'refused':
      return false;
    case 'billable':
      return accepted;
    default:
      return true;
  }
}

/** The acceptance to send: exactly the quote's currency and rate, only when billable and ticked. */
export function acceptCharges(view: PreviewView, accepted: boolean): { currency: string; hourly_rate: number } | undefined {
  if (view.kind !== 'billable' || !accepted) return undefined;
  return { currency: view.quote.currency, hourly_rate: view.quote.hourly_rate };
}

/** Whether two quotes are the same terms (a changed quote must be accepted again). */
export function sameQuote(a: Quote | undefined | null, b: Quote | undefined | null): boolean {
  if (!a || !b) return !a && !b;
  return a.currency === b.currency && a.hourly_rate === b.hourly_rate && a.increment_minutes === b.increment_minutes && a.minimum_minutes === b.minimum_minutes;
}

/** The requirement fields of a service for a category (no categories: every category). */
export function fieldsFor(service: Service | undefined, category: Category): RequirementField[] {
  if (!service) return [];
  return service.requirements.fields.filter((f) => f.categories.length === 0 || f.categories.includes(category));
}

/** Fields grouped: fields sharing a group satisfy each other ("tenant domain or tenant id"). */
export function fieldGroups(fields: RequirementField[]): RequirementField[][] {
  const groups: RequirementField[][] = [];
  const byGroup = new Map<string, RequirementField[]>();
  for (const f of fields) {
    if (!f.group) {
      groups.push([f]);
      continue;
    }
    let g = byGroup.get(f.group);
    if (!g) {
      g = [];
      byGroup.set(f.group, g);
      groups.push(g);
    }
    g.push(f);
  }
  return groups;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** A value's shape problem: 'guid' | 'domain' | 'url', or '' when it looks right (the server checks too). */
export function formatProblem(format: RequirementField['format'], value: string): '' | 'guid' | 'domain' | 'url' {
  const v = value.trim();
  if (!v) return '';
  if (format === 'guid' && !GUID.test(v)) return 'guid';
  if (format === 'domain' && !DOMAIN.test(v)) return 'domain';
  if (format === 'url') {
    try {
      const u = new URL(v);
      if (u.protocol !== 'https:') return 'url';
    } catch {
      return 'url';
    }
  }
  return '';
}

export type FieldIssue = { name: string; problem: 'missing' | 'guid' | 'domain' | 'url' };

/** Missing groups (reported on their first field) and malformed values. */
export function checkFields(fields: RequirementField[], values: Record<string, string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const group of fieldGroups(fields)) {
    if (!group.some((f) => (values[f.name] ?? '').trim() !== '')) issues.push({ name: group[0]!.name, problem: 'missing' });
  }
  for (const f of fields) {
    const p = formatProblem(f.format, values[f.name] ?? '');
    if (p) issues.push({ name: f.name, problem: p });
  }
  return issues;
}

export interface NewTicketForm {
  service: string;
  category: Category;
  severity: Severity;
  subject: string;
  description: string;
  fields: Record<string, string>;
}

/** The POST /api/v1/tickets body: only the fields the service asks for this category, trimmed. */
export function createBody(form: NewTicketForm, fields: RequirementField[], view: PreviewView, accepted: boolean): Record<string, unknown> {
  const values: Record<string, string> = {};
  for (const f of fields) {
    const v = (form.fields[f.name] ?? '').trim();
    if (v) values[f.name] = v;
  }
  const body: Record<string, unknown> = {
    service: form.service,
    category: form.category,
    severity: form.severity,
    subject: form.subject.trim(),
    description: form.description.trim(),
    channel: 'portal',
  };
  if (Object.keys(values).length > 0) body.fields = values;
  const charges = acceptCharges(view, accepted);
  if (charges) body.accept_charges = charges;
  return body;
}

/** The billed time of `minutes` of work under a quote: rounded up to the increment, at least the minimum. */
export function billedMinutes(quote: Quote, minutes: number): number {
  const inc = Math.max(1, quote.increment_minutes);
  const rounded = Math.ceil(minutes / inc) * inc;
  return Math.max(rounded, quote.minimum_minutes);
}

/** The price of `minutes` of work in minor units (rounded to the nearest minor unit). */
export function priceOf(quote: Quote, minutes: number): number {
  return Math.round((quote.hourly_rate * billedMinutes(quote, minutes)) / 60);
}
