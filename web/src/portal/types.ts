// The JSON shapes the portal reads (from src/adapters/http/json_io.cpp and the handlers).
import type { SlaReportJson } from '../shared/sla';

export type TicketStatus = 'new' | 'open' | 'pending_customer' | 'pending_vendor' | 'resolved' | 'closed';
export type Category = 'technical' | 'billing' | 'subscription';
export type Severity = 'critical' | 'moderate' | 'minimal';
export type Scope = 'in_scope' | 'out_of_scope_billable' | 'refused';

export const CATEGORIES: readonly Category[] = ['technical', 'billing', 'subscription'];
export const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minimal'];
export const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_vendor', 'resolved', 'closed'];

export interface Quote {
  currency: string;
  hourly_rate: number; // minor units per hour
  increment_minutes: number;
  minimum_minutes: number;
}

export interface Ticket {
  id: number;
  number: number;
  customer_id: number;
  requester_id: number;
  reseller_id: number | null;
  provider_id: number | null;
  holder: string;
  channel: string;
  service: string;
  category: Category;
  severity: Severity;
  subject: string;
  status: TicketStatus;
  team_id: number | null;
  assignee_id: number | null;
  subscription_id: number | null;
  tags: string[];
  fields: Record<string, string>;
  version: number;
  scope: string;
  statement_hash: string;
  agreement_id: number | null;
  plan: { id: number; version: number } | null;
  quote: Quote | null;
  sla: SlaReportJson;
  underpinning: unknown;
  created_at: string;
  updated_at: string;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Message {
  id: number;
  ticket_id: number;
  author_id: number | null;
  kind: 'customer_reply' | 'public_reply' | 'internal_note' | 'system' | 'vendor_update';
  visibility: 'public' | 'internal';
  shared_with_provider: boolean;
  body: string;
  created_at: string;
}

export interface Attachment {
  id: number;
  ticket_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  visibility: 'public' | 'internal';
  url: string;
  created_at: string;
}

/** GET /api/v1/tickets/{id}/escalations, as customers see a case with Microsoft. */
export interface CustomerCase {
  id: number;
  status: 'escalated_to_microsoft' | 'closed' | string;
  description: string;
  case_number: string | null;
  escalated_at: string;
  closed_at: string | null;
}

export interface VendorIncident {
  id: number;
  reference: string;
  title: string;
  service: string;
  status: string;
  created_at: string;
  updated_at: string;
  updates?: { id: number; body: string; status: string; shown_to_customers: boolean; created_at: string }[];
}

export interface RequirementField {
  name: string;
  label: string;
  format: 'text' | 'guid' | 'domain' | 'url';
  categories: Category[];
  group: string;
  customer_subscription: boolean;
}

export interface Service {
  code: string;
  name: string;
  builtin: boolean;
  requirements: { fields: RequirementField[]; checklist: { key: string; text: string; categories: Category[] }[] };
}

export interface Subscription {
  id: number;
  customer_id: number;
  service: string;
  subscription_id: string;
  name: string;
  status: 'active' | 'cancelled';
}

export interface Preview {
  scope: Scope;
  reason: string;
  quote?: Quote;
  support_statement: string;
}

export interface StatementJson {
  customer_id: number;
  language: string;
  version_hash: string;
  plan: { id: number; version: number; name: string } | null;
  agreement_id: number | null;
  title: string;
  sections: { heading: string; lines: { label: string; text: string }[] }[];
  html: string;
}

export interface BillingLine {
  kind: string;
  ticket_id: number | null;
  description: string;
  rule: string;
  quantity: number;
  unit: string;
  unit_price: number;
  amount: number;
  currency: string;
}

export interface UsageJson {
  customer_id: number;
  customer: string;
  period: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  lines: BillingLine[];
  totals: Record<string, number>;
  usage: {
    billable_minutes: number;
    included_minutes: number;
    included_minutes_used: number;
    incidents: number;
    prepaid_minutes_left: number;
    prepaid_incidents_left: number;
    low_balance: boolean;
  } | null;
}

export interface PrepaidBlock {
  id: number;
  customer_id: number;
  unit: 'hours' | 'incidents' | string;
  quantity: number;
  left: number;
  price: number;
  currency: string;
  purchased_on: string;
}
