// The JSON shapes the console reads, as the server writes them (src/adapters/http/json_io.cpp and
// the handlers in src/adapters/http/handlers/). Only what the console uses is typed.

import type { BillingLine, Category, Severity, StatementOf } from '../shared/types';

export type {
  Attachment,
  BillingLine,
  Category,
  Me,
  Message,
  MessageKind,
  Organization,
  Page,
  Quote,
  RedactedCase,
  Role,
  Service,
  Severity,
  SlaClockJson,
  Ticket,
  TicketStatus,
  User,
} from '../shared/types';
export type { RequirementField as ServiceRequirementField, SlaReportJson as SlaJson } from '../shared/types';

export interface Team {
  id: number;
  name: string;
  members: number[];
  assignment: 'manual' | 'round_robin' | 'least_open';
  tier: number;
  created_at: string;
}

export interface TicketEvent {
  id: number;
  ticket_id: number | null;
  actor_id: number | null;
  action: string;
  field: string;
  before: string;
  after: string;
  via: string;
  created_at: string;
}

export interface ChecklistJson {
  missing_fields: { field: string; message: string }[];
  items: { key: string; text: string; done: boolean; done_by: number | null; done_at: string | null }[];
}

export interface MoneyAmount {
  currency: string;
  hourly_rate: number;
  amount: number;
}

export interface TimeEntry {
  id: number;
  ticket_id: number;
  user_id: number;
  organization_id: number;
  minutes: number;
  note: string;
  cost: MoneyAmount | null;
  price: MoneyAmount | null;
  billable: boolean;
  activity: 'remote' | 'on_site' | 'call_out';
  after_hours_minutes: number;
  version: number;
  worked_at: string;
  created_at: string;
  updated_at: string;
}

export interface TimeList {
  items: TimeEntry[];
  total_minutes: number;
}

export interface Timer {
  ticket_id: number;
  started_at: string;
}

export interface EscalationOption {
  entitlement_id: number | null;
  kind: string;
  title: string;
  name: string;
  eligible: boolean;
  reason: string | null;
  reasons: string[];
  unit: 'unlimited' | 'hours' | 'incidents';
  left: number | null;
  currency: string;
  marginal_cost: number;
  preferred: boolean;
}

export interface VendorFirstResponse {
  due: string | null;
  met_at: string | null;
  state: 'none' | 'running' | 'met' | 'breached';
}

export type VendorCaseStatus = 'draft' | 'submitted' | 'open' | 'attention_needed' | 'closed';

export interface VendorCase {
  id: number;
  ticket_id: number;
  kind: string;
  title: string;
  entitlement_id: number | null;
  connector: string;
  case_number: string;
  severity: Severity;
  support_topic: string;
  contact: { name: string; email: string; phone: string };
  status: VendorCaseStatus;
  share_case_number: boolean;
  submitted_at: string | null;
  first_response_due: string | null;
  vendor_first_response: VendorFirstResponse;
  closed_at: string | null;
  consumed: number;
  sync: { synced_at: string | null; error: string | null };
  created_by: number;
  version: number;
  created_at: string;
  updated_at: string;
  summary: { title: string; text: string; portal_url: string };
}

export interface VendorQueueItem {
  id: number;
  ticket_id: number;
  subject: string;
  customer_id: number;
  customer: string;
  kind: string;
  title: string;
  entitlement_id: number | null;
  connector: string;
  status: VendorCaseStatus;
  case_number: string;
  severity: Severity;
  escalated_at: string;
  age_hours: number;
  submitted_at: string | null;
  vendor_first_response: VendorFirstResponse;
  sync: { synced_at: string | null; error: string | null };
  version: number;
}

export interface VendorNote {
  id: number;
  vendor_case_id: number;
  direction: 'to_vendor' | 'from_vendor';
  author: string;
  body: string;
  message_id: number | null;
  state: 'waiting' | 'sent' | 'published' | 'internal';
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  published_message_id: number | null;
  created_at: string;
}

export interface TargetJson {
  minutes: number;
  basis: 'business' | 'calendar';
}
export interface SeverityTargetsJson {
  first_response: TargetJson;
  next_response: TargetJson;
  resolution: TargetJson;
}
export type TargetsJson = Record<Severity, SeverityTargetsJson>;

export interface Calendar {
  id: number;
  name: string;
  time_zone: string;
  always_open: boolean;
  intervals: { day: string; start: string; end: string }[];
  holidays: { date: string; yearly?: boolean; name: string; start?: string; end?: string }[];
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PlanPricing {
  model: 'included' | 'per_incident' | 'hourly' | 'monthly_fee' | 'prepaid_block';
  currency: string;
  per_incident: number;
  hourly_rate: number;
  increment_minutes: number;
  minimum_minutes: number;
  after_hours_percent: number;
  monthly_fee: number;
  included_minutes: number;
  overage_hourly_rate: number;
  block_unit: 'hours' | 'incidents';
  block_size: number;
  block_price: number;
  when_exhausted: 'pay_as_you_go' | 'needs_approval';
  minor_units?: number;
}

export interface Plan {
  id: number;
  version: number;
  name: string;
  description: string;
  names: { ko?: string };
  descriptions: { ko?: string };
  service_hours_calendar_id: number | null;
  coverage: { service: string; category: Category }[];
  channels: { kind: string; address: string; hours_calendar_id: number | null }[];
  targets: TargetsJson;
  pause_in_pending_vendor: boolean;
  pricing: PlanPricing | null;
  delivery: { mode: 'in_house' | 'outsourced' | 'resold'; provider_id: number | null; provider_hourly_cost: number | null };
  out_of_scope: { policy: 'refuse' | 'billable'; hourly_rate: number | null };
}

export interface Agreement {
  id: number;
  customer_id: number;
  plan_id: number;
  plan_version: number;
  start_date: string;
  end_date: string | null;
  overrides: {
    hourly_rate: number | null;
    per_incident: number | null;
    monthly_fee: number | null;
    targets: TargetsJson | null;
  };
  prepaid_minutes: number;
  prepaid_incidents: number;
  created_at: string;
}

export interface Competency {
  id: number;
  level: string;
  area: string;
  cloud: boolean;
  valid_from: string;
  expires_on: string;
  version: number;
}

export interface Entitlement {
  id: number;
  kind: string;
  name: string;
  categories: Category[];
  products: 'cloud' | 'all';
  services: string[];
  valid_from: string;
  valid_to: string | null;
  unit: 'unlimited' | 'hours' | 'incidents';
  capacity: number;
  consumed: number;
  left: number | null;
  currency: string;
  unit_cost: number;
  contract_id: string;
  access_id: string;
  competency_id: number | null;
  version: number;
}

export interface ProviderContract {
  provider_id: number;
  currency: string;
  hourly_cost: number;
  hours_calendar_id: number | null;
  targets: TargetsJson;
  version: number;
  updated_at: string;
}

export interface RuleJson {
  id: number;
  name: string;
  position: number;
  enabled: boolean;
  match: 'all' | 'any';
  conditions: { field: string; op: string; values: string[] }[];
  actions: { action: string; values: string[] }[];
  stop: boolean;
  provider_before_hand_up: boolean;
  run_on: ('create' | 'update')[];
  version: number;
}

export interface RuleTestResult {
  fired: number[];
  changes: { rule_id: number; rule: string; field: string; before: string; after: string }[];
  notes: { rule_id: number; rule: string; text: string }[];
  notifications: { rule_id: number; rule: string; text: string }[];
  held: { rule_id: number; rule: string; text: string }[];
  passes: number;
  loop_limit_reached: boolean;
  ticket: Record<string, unknown>;
}

export interface PartnerSettings {
  name: string;
  domains: string[];
  country: string;
  locale: string;
  time_zone: string;
  default_plan_id: number | null;
  support_email: string;
  support_phone: string;
  support_website: string;
  escalation_order: string[];
  escalation_minutes_per_case: number;
  internal_hourly_cost: number;
  internal_cost_currency: string;
  prepaid_low_balance_percent: number;
  customer_users_any_domain: boolean;
}

export interface ChargeLine extends BillingLine {
  time_entry_ids: number[];
  prepaid_block_id: number | null;
  adjusts: string | null;
}

export interface Statement extends StatementOf<ChargeLine> {
  costs?: { kind: string; ticket_id: number | null; description: string; amount: number; currency: string }[];
}

export interface Approval {
  id: number;
  customer_id: number;
  period: string;
  ticket_id: number;
  decision: 'approved' | 'rejected';
  note: string;
  decided_by: number | null;
  decided_at: string;
}

export interface MarginRow {
  customer_id: number;
  customer: string;
  currency: string;
  revenue: number;
  internal_cost: number;
  provider_cost: number;
  vendor_cost: number;
  margin: number;
}

export interface EntitlementReportRow {
  entitlement_id: number;
  kind: string;
  name: string;
  unit: 'unlimited' | 'hours' | 'incidents';
  capacity: number | null;
  consumed: number;
  left: number | null;
  used_last_90_days: number;
  valid_to: string | null;
  projected_exhaustion: string | null;
  runs_out_before_expiry: boolean;
}

export interface VendorEscalationRow {
  month: string;
  kind: string;
  title: string;
  cases: number;
}
