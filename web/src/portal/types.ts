// The JSON shapes the portal reads (from src/adapters/http/json_io.cpp and the handlers).
import type { BillingLine, Category, Quote, RedactedCase, Severity, StatementOf, TicketStatus } from '../shared/types';

export type {
  Attachment,
  BillingLine,
  Category,
  Message,
  Page,
  Quote,
  RequirementField,
  Service,
  Severity,
  Ticket,
  TicketStatus,
} from '../shared/types';

export type Scope = 'in_scope' | 'out_of_scope_billable' | 'refused';

export const CATEGORIES: readonly Category[] = ['technical', 'billing', 'subscription'];
export const SEVERITIES: readonly Severity[] = ['critical', 'moderate', 'minimal'];
export const STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer', 'pending_vendor', 'resolved', 'closed'];

/** GET /api/v1/tickets/{id}/escalations, as customers see a case with Microsoft. */
export type CustomerCase = RedactedCase;

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

export type UsageJson = StatementOf<BillingLine>;

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
