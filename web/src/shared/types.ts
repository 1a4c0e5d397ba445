// The JSON shapes both faces read, as the server writes them (src/adapters/http/json_io.cpp and the
// handlers in src/adapters/http/handlers/). One definition each: the portal's and the console's
// types.ts re-export these; face-specific shapes stay in the face.
import type { SlaClockJson, SlaReportJson } from './sla';

export type { SlaClockJson, SlaReportJson };

export type Role =
  | 'requester'
  | 'customer_admin'
  | 'agent'
  | 'supervisor'
  | 'admin'
  | 'billing'
  | 'provider_agent'
  | 'reseller_agent';

export type OrgKind = 'partner' | 'reseller' | 'customer' | 'provider';

export interface Organization {
  id: number;
  kind: OrgKind;
  name: string;
  parent_id: number | null;
  domains: string[];
  tenant_id: string | null;
  country: string;
  locale: string;
  time_zone: string;
  active: boolean;
  deactivated_at: string | null;
  version: number;
  created_at: string;
}

export interface User {
  id: number;
  organization_id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  away?: boolean;
  shift_calendar_id?: number | null;
  version: number;
  created_at: string;
  teams?: number[];
}

export interface Me extends User {
  organization: Organization;
}

export type TicketStatus = 'new' | 'open' | 'pending_customer' | 'pending_vendor' | 'resolved' | 'closed';
export type Severity = 'critical' | 'moderate' | 'minimal';
export type Category = 'technical' | 'billing' | 'subscription';

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

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
  holder: 'partner' | 'provider' | 'reseller';
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
  underpinning: SlaReportJson | null;
  created_at: string;
  updated_at: string;
}

export type MessageKind = 'customer_reply' | 'public_reply' | 'internal_note' | 'system' | 'vendor_update';

export interface Message {
  id: number;
  ticket_id: number;
  author_id: number | null;
  kind: MessageKind;
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

/** What a reader outside the partner (a customer) gets from GET /tickets/{id}/escalations. */
export interface RedactedCase {
  id: number;
  status: 'escalated_to_microsoft' | 'closed';
  description: string;
  case_number: string | null;
  escalated_at: string;
  closed_at: string | null;
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
  requirements: {
    fields: RequirementField[];
    checklist: { key: string; text: string; categories: Category[] }[];
  };
}

/** One line of a customer's monthly statement (GET /billing/usage, /billing/periods/...). */
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

export interface UsageSummary {
  billable_minutes: number;
  included_minutes: number;
  included_minutes_used: number;
  incidents: number;
  prepaid_minutes_left: number;
  prepaid_incidents_left: number;
  low_balance: boolean;
}

/** A customer's statement for one month; `L` is the line shape the face reads. */
export interface StatementOf<L extends BillingLine = BillingLine> {
  customer_id: number;
  customer: string;
  period: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  lines: L[];
  totals: Record<string, number>;
  usage: UsageSummary | null;
}
