#include "adapters/storage/sqlite/migrations.hpp"

#include <array>

namespace tierdesk::adapters::sqlite {
namespace {

struct Migration {
  int version;
  const char* sql;
};

// Append only. Never edit a migration that has shipped: add the next one.
constexpr std::array kMigrations = {
    Migration{1, R"sql(
CREATE TABLE organizations (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('partner', 'reseller', 'customer', 'provider')),
  name       TEXT NOT NULL,
  parent_id  INTEGER REFERENCES organizations(id),
  tenant_id  TEXT NOT NULL DEFAULT '',
  country    TEXT NOT NULL DEFAULT '',
  locale     TEXT NOT NULL DEFAULT '',
  time_zone  TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX organizations_single_partner ON organizations(kind) WHERE kind = 'partner';
CREATE INDEX organizations_parent ON organizations(parent_id);

CREATE TABLE organization_domains (
  domain          TEXT PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id)
) WITHOUT ROWID;
CREATE INDEX organization_domains_org ON organization_domains(organization_id);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  email           TEXT NOT NULL UNIQUE,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL,
  password_hash   TEXT NOT NULL DEFAULT '',
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      INTEGER NOT NULL
);
CREATE INDEX users_org ON users(organization_id);

CREATE TABLE tokens (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  kind       TEXT NOT NULL CHECK (kind IN ('session', 'personal')),
  name       TEXT NOT NULL DEFAULT '',
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER
);
CREATE INDEX tokens_user ON tokens(user_id);

CREATE TABLE teams (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;

CREATE TABLE services (
  code    TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
INSERT INTO services (code, name, builtin) VALUES
  ('azure', 'Microsoft Azure', 1), ('m365', 'Microsoft 365', 1), ('d365', 'Dynamics 365', 1);

CREATE TABLE subscriptions (
  id                 INTEGER PRIMARY KEY,
  customer_id        INTEGER NOT NULL REFERENCES organizations(id),
  service            TEXT NOT NULL REFERENCES services(code),
  external_id        TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  support_contact_id INTEGER NOT NULL REFERENCES organizations(id),
  new_commerce       INTEGER NOT NULL,
  created_at         INTEGER NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions(customer_id);

CREATE TABLE tickets (
  id              INTEGER PRIMARY KEY,
  customer_id     INTEGER NOT NULL REFERENCES organizations(id),
  requester_id    INTEGER NOT NULL REFERENCES users(id),
  reseller_id     INTEGER REFERENCES organizations(id),
  provider_id     INTEGER REFERENCES organizations(id),
  channel         TEXT NOT NULL,
  service         TEXT NOT NULL REFERENCES services(code),
  category        TEXT NOT NULL,
  severity        TEXT NOT NULL,
  subject         TEXT NOT NULL,
  status          TEXT NOT NULL,
  team_id         INTEGER REFERENCES teams(id),
  assignee_id     INTEGER REFERENCES users(id),
  subscription_id INTEGER REFERENCES subscriptions(id),
  tags            TEXT NOT NULL DEFAULT '',
  fields          TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL,
  search_seq      INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE INDEX tickets_team_status ON tickets(team_id, status, id);
CREATE INDEX tickets_status ON tickets(status, id);
CREATE INDEX tickets_customer ON tickets(customer_id, id);
CREATE INDEX tickets_requester ON tickets(requester_id, id);
CREATE INDEX tickets_assignee ON tickets(assignee_id, status, id) WHERE assignee_id IS NOT NULL;
CREATE INDEX tickets_reseller ON tickets(reseller_id, id) WHERE reseller_id IS NOT NULL;
CREATE INDEX tickets_provider ON tickets(provider_id, id) WHERE provider_id IS NOT NULL;
CREATE INDEX tickets_updated ON tickets(updated_at, id);

CREATE TABLE ticket_tags (
  tag       TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  PRIMARY KEY (tag, ticket_id)
) WITHOUT ROWID;

CREATE TABLE messages (
  id               INTEGER PRIMARY KEY,
  ticket_id        INTEGER NOT NULL REFERENCES tickets(id),
  author_id        INTEGER REFERENCES users(id),
  author_org_id    INTEGER REFERENCES organizations(id),
  kind             TEXT NOT NULL,
  body             TEXT NOT NULL,
  email_message_id TEXT NOT NULL DEFAULT '',
  created_at       INTEGER NOT NULL
);
CREATE INDEX messages_ticket ON messages(ticket_id, id);

CREATE TABLE attachments (
  id           INTEGER PRIMARY KEY,
  ticket_id    INTEGER NOT NULL REFERENCES tickets(id),
  message_id   INTEGER REFERENCES messages(id),
  sha256       TEXT NOT NULL,
  size         INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  filename     TEXT NOT NULL,
  uploaded_by  INTEGER REFERENCES users(id),
  internal     INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL
);
CREATE INDEX attachments_ticket ON attachments(ticket_id, id);

-- The history: append-only. Triggers refuse any change to what was written.
CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  ticket_id  INTEGER REFERENCES tickets(id),
  actor_id   INTEGER REFERENCES users(id),
  action     TEXT NOT NULL,
  field      TEXT NOT NULL DEFAULT '',
  before     TEXT NOT NULL DEFAULT '',
  after      TEXT NOT NULL DEFAULT '',
  internal   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX events_ticket ON events(ticket_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE idempotency_keys (
  user_id      INTEGER NOT NULL REFERENCES users(id),
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  resource     TEXT NOT NULL,
  resource_id  INTEGER NOT NULL,
  parent_id    INTEGER NOT NULL DEFAULT 0,
  created_at   INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) WITHOUT ROWID;

-- Full-text index over subjects and messages. Contentless; each row's rowid packs
-- (ticket id << 21) | (sequence within the ticket << 1) | internal, so rowid order is ticket
-- order and a ticket's documents sit together.
CREATE VIRTUAL TABLE ticket_search USING fts5(
  text, content = '', tokenize = 'unicode61 remove_diacritics 2'
);
)sql"},
    Migration{2, R"sql(
-- Business-hours calendars; spec is core::EncodeCalendarSpec's text.
CREATE TABLE calendars (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  spec       TEXT NOT NULL,
  version    INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql"},
    Migration{3, R"sql(
-- Support plans. Terms are never edited in place: every change is a new row in plan_versions
-- (core::EncodePlan's text), so agreements keep the version they were signed on.
CREATE TABLE plans (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  current_version INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE TABLE plan_versions (
  plan_id    INTEGER NOT NULL REFERENCES plans(id),
  version    INTEGER NOT NULL,
  terms      TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (plan_id, version)
) WITHOUT ROWID;
CREATE TRIGGER plan_versions_no_update BEFORE UPDATE ON plan_versions
  BEGIN SELECT RAISE(ABORT, 'plan versions are immutable'); END;
)sql"},
    Migration{4, R"sql(
-- A customer on a plan version for a range of days (days since 1970-01-01; end inclusive, NULL
-- for until further notice). Overrides are NULL where the plan's terms apply; targets_override
-- holds core::EncodePlan's "target" lines.
CREATE TABLE agreements (
  id                    INTEGER PRIMARY KEY,
  customer_id           INTEGER NOT NULL REFERENCES organizations(id),
  plan_id               INTEGER NOT NULL,
  plan_version          INTEGER NOT NULL,
  start_day             INTEGER NOT NULL,
  end_day               INTEGER,
  hourly_rate_override  INTEGER,
  per_incident_override INTEGER,
  monthly_fee_override  INTEGER,
  targets_override      TEXT,
  prepaid_minutes       INTEGER NOT NULL DEFAULT 0,
  prepaid_incidents     INTEGER NOT NULL DEFAULT 0,
  created_at            INTEGER NOT NULL,
  FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions(plan_id, version)
);
CREATE INDEX agreements_customer ON agreements(customer_id, start_day);
)sql"},
    Migration{5, R"sql(
-- The scope each ticket was opened in, the terms in force then, and any quote accepted.
ALTER TABLE tickets ADD COLUMN scope TEXT NOT NULL DEFAULT 'in_scope';
ALTER TABLE tickets ADD COLUMN agreement_id INTEGER REFERENCES agreements(id);
ALTER TABLE tickets ADD COLUMN plan_id INTEGER REFERENCES plans(id);
ALTER TABLE tickets ADD COLUMN plan_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN quote_currency TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN quote_hourly_rate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN quote_increment_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN quote_minimum_minutes INTEGER NOT NULL DEFAULT 0;
-- The partner's settings: one row.
CREATE TABLE partner_settings (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  default_plan_id INTEGER REFERENCES plans(id),
  support_email   TEXT NOT NULL DEFAULT '',
  support_phone   TEXT NOT NULL DEFAULT '',
  support_website TEXT NOT NULL DEFAULT ''
);
)sql"},
    Migration{6, R"sql(
-- The version hash of the customer's support statement in force when the ticket was opened.
ALTER TABLE tickets ADD COLUMN statement_hash TEXT NOT NULL DEFAULT '';
)sql"},
    Migration{7, R"sql(
-- A counter that every change to a customer's terms bumps, so caches of derived terms (scope,
-- statement hashes) know when they are stale, in any process.
CREATE TABLE terms_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO terms_version (id, version) VALUES (1, 0);
CREATE TRIGGER plans_terms_insert AFTER INSERT ON plans
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plans_terms_update AFTER UPDATE ON plans
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plans_terms_delete AFTER DELETE ON plans
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_versions_terms_insert AFTER INSERT ON plan_versions
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_versions_terms_update AFTER UPDATE ON plan_versions
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER plan_versions_terms_delete AFTER DELETE ON plan_versions
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agreements_terms_insert AFTER INSERT ON agreements
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agreements_terms_update AFTER UPDATE ON agreements
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agreements_terms_delete AFTER DELETE ON agreements
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER calendars_terms_insert AFTER INSERT ON calendars
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER calendars_terms_update AFTER UPDATE ON calendars
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER calendars_terms_delete AFTER DELETE ON calendars
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partner_settings_terms_insert AFTER INSERT ON partner_settings
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partner_settings_terms_update AFTER UPDATE ON partner_settings
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER partner_settings_terms_delete AFTER DELETE ON partner_settings
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER services_terms_insert AFTER INSERT ON services
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER services_terms_update AFTER UPDATE ON services
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER services_terms_delete AFTER DELETE ON services
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER organizations_terms_insert AFTER INSERT ON organizations
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER organizations_terms_update AFTER UPDATE ON organizations
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER organizations_terms_delete AFTER DELETE ON organizations
  BEGIN UPDATE terms_version SET version = version + 1 WHERE id = 1; END;
)sql"},
    Migration{8, R"sql(
-- SLA clocks (core/sla's storage form) and what lists and the SLA watch need of them: the
-- earliest due time of a running clock, whether a clock that stopped or paused was breached, and
-- when the watch next has something to raise (ms since the epoch).
ALTER TABLE tickets ADD COLUMN sla TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER;
ALTER TABLE tickets ADD COLUMN sla_breached INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN sla_watch_at INTEGER;
CREATE INDEX tickets_sla_due ON tickets(COALESCE(sla_due_at, 9223372036854775807), id);
CREATE INDEX tickets_sla_watch ON tickets(sla_watch_at) WHERE sla_watch_at IS NOT NULL;
CREATE INDEX tickets_sla_breached ON tickets(id) WHERE sla_breached = 1;
CREATE INDEX tickets_live ON tickets(id) WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor');
-- Notifications waiting for delivery, one per event worth telling someone about now.
CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES events(id),
  topic        TEXT NOT NULL,
  ticket_id    INTEGER REFERENCES tickets(id),
  created_at   INTEGER NOT NULL,
  delivered_at INTEGER,
  attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox(id) WHERE delivered_at IS NULL;
-- Background jobs' saved progress, e.g. the terms the SLA watch last brought tickets in line with.
CREATE TABLE job_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql"},
    Migration{9, R"sql(
-- Routing rules (core/routing): ordered; conditions and actions in core's storage form.
CREATE TABLE rules (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  position   INTEGER NOT NULL,
  enabled    INTEGER NOT NULL,
  match_all  INTEGER NOT NULL,
  stop       INTEGER NOT NULL,
  on_create  INTEGER NOT NULL,
  on_update  INTEGER NOT NULL,
  conditions TEXT NOT NULL,
  actions    TEXT NOT NULL,
  version    INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
-- Moves with every change to a rule, so compiled rule sets know when they are stale.
CREATE TABLE rules_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO rules_version (id, version) VALUES (1, 0);
CREATE TRIGGER rules_version_insert AFTER INSERT ON rules
  BEGIN UPDATE rules_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER rules_version_update AFTER UPDATE ON rules
  BEGIN UPDATE rules_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER rules_version_delete AFTER DELETE ON rules
  BEGIN UPDATE rules_version SET version = version + 1 WHERE id = 1; END;
-- What made a change for its actor, e.g. the routing rule that set the team.
ALTER TABLE events ADD COLUMN via TEXT NOT NULL DEFAULT '';
)sql"},
    Migration{10, R"sql(
-- What tickets for a service must carry (core/routing/requirements' storage form); NULL: the
-- service's defaults, until an admin sets them.
ALTER TABLE services ADD COLUMN requirements TEXT;
-- Ticked diagnostic checklist items, with who ticked them and when.
CREATE TABLE ticket_checklist (
  ticket_id INTEGER NOT NULL REFERENCES tickets(id),
  item      TEXT NOT NULL,
  done_by   INTEGER REFERENCES users(id),
  done_at   INTEGER NOT NULL,
  PRIMARY KEY (ticket_id, item)
) WITHOUT ROWID;
)sql"},
    Migration{11, R"sql(
-- Who holds each ticket (partner, reseller, provider) and the provider's underpinning clocks.
ALTER TABLE tickets ADD COLUMN holder TEXT NOT NULL DEFAULT 'partner';
ALTER TABLE tickets ADD COLUMN underpinning TEXT NOT NULL DEFAULT '';
UPDATE tickets SET holder = 'provider' WHERE provider_id IS NOT NULL;
UPDATE tickets SET holder = 'reseller' WHERE provider_id IS NULL AND reseller_id IS NOT NULL;
-- Internal notes the partner shares with the ticket's provider; events the provider may see.
ALTER TABLE messages ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
ALTER TABLE attachments ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
-- Assignment inside teams and the escalation ladder.
ALTER TABLE users ADD COLUMN away INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN shift_calendar_id INTEGER REFERENCES calendars(id);
ALTER TABLE teams ADD COLUMN assignment TEXT NOT NULL DEFAULT 'manual';
ALTER TABLE teams ADD COLUMN tier INTEGER NOT NULL DEFAULT 0;
ALTER TABLE teams ADD COLUMN last_assigned INTEGER REFERENCES users(id);
-- Escalation reports read escalations by time; other events do not pay for this index.
CREATE INDEX events_escalated ON events(created_at, id) WHERE action = 'ticket.escalated';
-- Providers' contracts: underpinning targets and cost rate.
CREATE TABLE provider_contracts (
  provider_id INTEGER PRIMARY KEY REFERENCES organizations(id),
  currency    TEXT NOT NULL,
  hourly_cost INTEGER NOT NULL,
  hours       INTEGER REFERENCES calendars(id),
  targets     TEXT NOT NULL,
  version     INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
-- Time worked on tickets, with its cost and price fixed when logged.
CREATE TABLE time_entries (
  id                INTEGER PRIMARY KEY,
  ticket_id         INTEGER NOT NULL REFERENCES tickets(id),
  user_id           INTEGER NOT NULL REFERENCES users(id),
  org_id            INTEGER NOT NULL REFERENCES organizations(id),
  minutes           INTEGER NOT NULL,
  note              TEXT NOT NULL,
  cost_currency     TEXT NOT NULL,
  cost_hourly_rate  INTEGER NOT NULL,
  cost_amount       INTEGER NOT NULL,
  price_currency    TEXT NOT NULL,
  price_hourly_rate INTEGER NOT NULL,
  price_amount      INTEGER NOT NULL,
  worked_at         INTEGER NOT NULL,
  created_at        INTEGER NOT NULL
);
CREATE INDEX time_entries_ticket ON time_entries(ticket_id, id);
)sql"},
    Migration{12, R"sql(
-- Vendor escalation: the Microsoft competencies and support entitlements the partner holds.
-- Days are days since 1970-01-01; categories and services are comma-separated names.
CREATE TABLE competencies (
  id         INTEGER PRIMARY KEY,
  level      TEXT NOT NULL,
  area       TEXT NOT NULL,
  cloud      INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  expires_on INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE entitlements (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  name          TEXT NOT NULL UNIQUE,
  categories    TEXT NOT NULL,
  products      TEXT NOT NULL,
  services      TEXT NOT NULL,
  valid_from    INTEGER NOT NULL,
  valid_to      INTEGER,
  unit          TEXT NOT NULL,
  capacity      INTEGER NOT NULL,
  consumed      INTEGER NOT NULL,
  currency      TEXT NOT NULL,
  unit_cost     INTEGER NOT NULL,
  contract_id   TEXT NOT NULL,
  access_id     TEXT NOT NULL,
  competency_id INTEGER REFERENCES competencies(id),
  version       INTEGER NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
-- Cases with Microsoft, one row per escalation of a ticket.
CREATE TABLE vendor_cases (
  id                 INTEGER PRIMARY KEY,
  ticket_id          INTEGER NOT NULL REFERENCES tickets(id),
  kind               TEXT NOT NULL,
  entitlement_id     INTEGER REFERENCES entitlements(id),
  connector          TEXT NOT NULL,
  case_number        TEXT NOT NULL,
  severity           TEXT NOT NULL,
  support_topic      TEXT NOT NULL,
  contact_name       TEXT NOT NULL,
  contact_email      TEXT NOT NULL,
  contact_phone      TEXT NOT NULL,
  status             TEXT NOT NULL,
  share_case_number  INTEGER NOT NULL,
  submitted_at       INTEGER,
  first_response_due INTEGER,
  first_responded_at INTEGER,
  closed_at          INTEGER,
  consumed           INTEGER NOT NULL,
  created_by         INTEGER NOT NULL REFERENCES users(id),
  version            INTEGER NOT NULL,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX vendor_cases_ticket ON vendor_cases(ticket_id, id);
-- Microsoft service incidents, the tickets they touch, and the updates posted to all of them.
CREATE TABLE vendor_incidents (
  id         INTEGER PRIMARY KEY,
  reference  TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  service    TEXT NOT NULL,
  status     TEXT NOT NULL,
  version    INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE vendor_incident_tickets (
  incident_id INTEGER NOT NULL REFERENCES vendor_incidents(id),
  ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
  linked_at   INTEGER NOT NULL,
  PRIMARY KEY (incident_id, ticket_id)
) WITHOUT ROWID;
CREATE INDEX vendor_incident_tickets_ticket ON vendor_incident_tickets(ticket_id, incident_id);
CREATE TABLE vendor_incident_updates (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES vendor_incidents(id),
  body        TEXT NOT NULL,
  status      TEXT NOT NULL,
  shown       INTEGER NOT NULL,
  author_id   INTEGER NOT NULL REFERENCES users(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX vendor_incident_updates_incident ON vendor_incident_updates(incident_id, id);
-- How the partner ranks escalation paths.
ALTER TABLE partner_settings ADD COLUMN escalation_order TEXT NOT NULL DEFAULT '';
ALTER TABLE partner_settings ADD COLUMN escalation_minutes_per_case INTEGER NOT NULL DEFAULT 60;
)sql"},
    // Vendor cases followed through Microsoft's APIs, and their notes both ways.
    Migration{13, R"sql(
ALTER TABLE vendor_cases ADD COLUMN remote_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE vendor_cases ADD COLUMN synced_at INTEGER;
ALTER TABLE vendor_cases ADD COLUMN sync_error TEXT NOT NULL DEFAULT '';
CREATE INDEX vendor_cases_synced ON vendor_cases(id) WHERE connector <> 'manual' AND status <> 'closed';
CREATE TABLE vendor_notes (
  id             INTEGER PRIMARY KEY,
  vendor_case_id INTEGER NOT NULL REFERENCES vendor_cases(id),
  direction      TEXT NOT NULL,
  key            TEXT NOT NULL,
  author         TEXT NOT NULL,
  body           TEXT NOT NULL,
  message_id     INTEGER REFERENCES messages(id),
  published_id   INTEGER REFERENCES messages(id),
  sent_at        INTEGER,
  attempts       INTEGER NOT NULL,
  last_error     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  UNIQUE (vendor_case_id, direction, key)
);
CREATE INDEX vendor_notes_unsent ON vendor_notes(id) WHERE direction = 'to_vendor' AND sent_at IS NULL;
CREATE INDEX vendor_notes_message ON vendor_notes(message_id);
)sql"},
    // Billing: billable time and its kind, tickets' first resolution, running timers, prepaid
    // blocks, and closed periods with their frozen lines, costs and block draws.
    Migration{14, R"sql(
ALTER TABLE time_entries ADD COLUMN billable INTEGER NOT NULL DEFAULT 1;
ALTER TABLE time_entries ADD COLUMN activity TEXT NOT NULL DEFAULT 'remote';
ALTER TABLE time_entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE time_entries ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
UPDATE time_entries SET updated_at = created_at;
-- Covers the month's read for billing (ListPeriodEntries): a scan of the index alone.
CREATE INDEX time_entries_worked ON time_entries(worked_at, ticket_id, org_id, minutes, billable, activity, cost_amount,
                                                 cost_currency);
ALTER TABLE tickets ADD COLUMN first_resolved_at INTEGER;
UPDATE tickets SET first_resolved_at = COALESCE(
    (SELECT MIN(e.created_at) FROM events e
     WHERE e.ticket_id = tickets.id AND e.field = 'status' AND e.after IN ('resolved', 'closed')),
    CASE WHEN status IN ('resolved', 'closed') THEN updated_at END);
CREATE INDEX tickets_first_resolved ON tickets(first_resolved_at) WHERE first_resolved_at IS NOT NULL;
CREATE TABLE timers (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id),
  ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
  started_at INTEGER NOT NULL
);
CREATE TABLE prepaid_blocks (
  id           INTEGER PRIMARY KEY,
  customer_id  INTEGER NOT NULL REFERENCES organizations(id),
  unit         TEXT NOT NULL,
  quantity     INTEGER NOT NULL,
  price        INTEGER NOT NULL,
  currency     TEXT NOT NULL,
  purchased_on INTEGER NOT NULL,
  created_by   INTEGER REFERENCES users(id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX prepaid_blocks_customer ON prepaid_blocks(customer_id, id);
CREATE TABLE billing_periods (
  customer_id INTEGER NOT NULL REFERENCES organizations(id),
  period      TEXT NOT NULL,
  closed_at   INTEGER NOT NULL,
  closed_by   INTEGER REFERENCES users(id),
  PRIMARY KEY (customer_id, period)
) WITHOUT ROWID;
CREATE TABLE billing_lines (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES organizations(id),
  period      TEXT NOT NULL,
  kind        TEXT NOT NULL,
  ticket_id   INTEGER,
  description TEXT NOT NULL,
  rule        TEXT NOT NULL,
  quantity    INTEGER NOT NULL,
  unit        TEXT NOT NULL,
  unit_price  INTEGER NOT NULL,
  amount      INTEGER NOT NULL,
  currency    TEXT NOT NULL,
  entries     TEXT NOT NULL,
  block_id    INTEGER NOT NULL,
  adjusts     TEXT NOT NULL
);
CREATE INDEX billing_lines_period ON billing_lines(customer_id, period, id);
CREATE INDEX billing_lines_adjusts ON billing_lines(customer_id, adjusts) WHERE adjusts <> '';
CREATE TABLE billing_costs (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES organizations(id),
  period      TEXT NOT NULL,
  kind        TEXT NOT NULL,
  ticket_id   INTEGER,
  description TEXT NOT NULL,
  amount      INTEGER NOT NULL,
  currency    TEXT NOT NULL
);
CREATE INDEX billing_costs_period ON billing_costs(customer_id, period, id);
CREATE TABLE billing_draws (
  customer_id INTEGER NOT NULL REFERENCES organizations(id),
  period      TEXT NOT NULL,
  block_id    INTEGER NOT NULL,
  quantity    INTEGER NOT NULL
);
CREATE INDEX billing_draws_customer ON billing_draws(customer_id, period);
CREATE TABLE billing_changes (
  customer_id INTEGER NOT NULL REFERENCES organizations(id),
  period      TEXT NOT NULL,
  PRIMARY KEY (customer_id, period)
) WITHOUT ROWID;
ALTER TABLE partner_settings ADD COLUMN internal_hourly_cost INTEGER NOT NULL DEFAULT 0;
ALTER TABLE partner_settings ADD COLUMN internal_cost_currency TEXT NOT NULL DEFAULT '';
ALTER TABLE partner_settings ADD COLUMN prepaid_low_balance_percent INTEGER NOT NULL DEFAULT 20;
)sql"},
    Migration{15, R"sql(
-- Sign-ins: the client address of sign-in events in the audit log; the addresses and devices
-- each user signed in from (a stranger's failures do not lock a known client out); and whether
-- customer users may have addresses outside their organisation's domains.
ALTER TABLE events ADD COLUMN client_address TEXT NOT NULL DEFAULT '';
CREATE TABLE known_clients (
  user_id    INTEGER NOT NULL REFERENCES users(id),
  kind       TEXT NOT NULL CHECK (kind IN ('address', 'device')),
  value      TEXT NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  PRIMARY KEY (user_id, kind, value)
) WITHOUT ROWID;
ALTER TABLE partner_settings ADD COLUMN customer_users_any_domain INTEGER NOT NULL DEFAULT 0;
)sql"},
    Migration{16, R"sql(
-- Accounts: organisations and users are deactivated, not deleted (a deactivated one signs in to
-- nothing and its tokens stop working at once; reactivating restores them); users carry a version
-- for If-Match; tokens can be revoked and remember when they were last used; an admin-issued
-- password reset is a one-time token (only its hash stored) that expires.
ALTER TABLE organizations ADD COLUMN deactivated_at INTEGER;
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE tokens ADD COLUMN revoked_at INTEGER;
ALTER TABLE tokens ADD COLUMN last_used_at INTEGER;
CREATE TABLE password_resets (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);
CREATE INDEX password_resets_user ON password_resets(user_id);
)sql"},
    Migration{17, R"sql(
-- Organisations and subscriptions change after they are created: each carries a version for
-- If-Match; a subscription can be cancelled (kept, with when) and moved to another customer, and
-- every change of one is a line in its history.
ALTER TABLE organizations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE subscriptions ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'cancelled'));
ALTER TABLE subscriptions ADD COLUMN cancelled_at INTEGER;
ALTER TABLE subscriptions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE subscription_history (
  id              INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES subscriptions(id),
  action          TEXT NOT NULL,
  field           TEXT NOT NULL DEFAULT '',
  before          TEXT NOT NULL DEFAULT '',
  after           TEXT NOT NULL DEFAULT '',
  actor_id        INTEGER REFERENCES users(id),
  reason          TEXT NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL
);
CREATE INDEX subscription_history_subscription ON subscription_history(subscription_id, id);
)sql"},
    Migration{18, R"sql(
-- Billing: a time entry's minutes outside the plan's service hours, decided when it is logged or
-- corrected (entries that said after_hours by hand keep all their minutes after hours), in the
-- month's covering index; and billing clerks' decisions on work that needs approval, every one
-- kept (the latest per customer, period and ticket applies).
ALTER TABLE time_entries ADD COLUMN after_hours_minutes INTEGER NOT NULL DEFAULT 0;
UPDATE time_entries SET after_hours_minutes = minutes WHERE activity = 'after_hours';
DROP INDEX time_entries_worked;
CREATE INDEX time_entries_worked ON time_entries(worked_at, ticket_id, org_id, minutes, billable, activity,
                                                 after_hours_minutes, cost_amount, cost_currency);
CREATE TABLE billing_approvals (
  id          INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES organizations(id),
  period      TEXT NOT NULL,
  ticket_id   INTEGER NOT NULL REFERENCES tickets(id),
  decision    TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  note        TEXT NOT NULL DEFAULT '',
  decided_by  INTEGER REFERENCES users(id),
  decided_at  INTEGER NOT NULL
);
CREATE INDEX billing_approvals_period ON billing_approvals(customer_id, period, id);
)sql"},
    Migration{19, R"sql(
-- Deleting a calendar, competency or entitlement first asks what refers to it (409 in-use); these
-- indexes answer that, and the foreign-key checks behind it, without scanning the tables.
CREATE INDEX users_shift_calendar ON users(shift_calendar_id) WHERE shift_calendar_id IS NOT NULL;
CREATE INDEX entitlements_competency ON entitlements(competency_id) WHERE competency_id IS NOT NULL;
CREATE INDEX vendor_cases_entitlement ON vendor_cases(entitlement_id) WHERE entitlement_id IS NOT NULL;
)sql"},
    Migration{20, R"sql(
-- Routing: a rule's set_provider waits for a reseller's hand-up unless the rule says otherwise.
-- The queue of cases with Microsoft (GET /vendor-cases): every case not closed, oldest first.
ALTER TABLE rules ADD COLUMN provider_before_hand_up INTEGER NOT NULL DEFAULT 0;
CREATE INDEX vendor_cases_queue ON vendor_cases(id) WHERE status <> 'closed';
)sql"},
    Migration{21, R"sql(
-- Ids of organisations and users are never given again: routing rules (and anything else that
-- names one outside a foreign key) must not come to mean a newcomer. The highest id ever deleted
-- is kept here (seeded from the audit log's deletions); inserts pick an id above it, and a trigger
-- refuses any insert that would not.
CREATE TABLE retired_ids (name TEXT PRIMARY KEY, max_id INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO retired_ids (name, max_id)
  SELECT 'organizations', COALESCE(MAX(CAST(after AS INTEGER)), 0) FROM events WHERE action = 'organization.deleted';
INSERT INTO retired_ids (name, max_id)
  SELECT 'users', COALESCE(MAX(CAST(after AS INTEGER)), 0) FROM events WHERE action = 'user.deleted';
CREATE TRIGGER organizations_retire_id AFTER DELETE ON organizations
  BEGIN UPDATE retired_ids SET max_id = MAX(max_id, OLD.id) WHERE name = 'organizations'; END;
CREATE TRIGGER users_retire_id AFTER DELETE ON users
  BEGIN UPDATE retired_ids SET max_id = MAX(max_id, OLD.id) WHERE name = 'users'; END;
CREATE TRIGGER organizations_fresh_id AFTER INSERT ON organizations
  WHEN NEW.id <= (SELECT max_id FROM retired_ids WHERE name = 'organizations')
  BEGIN SELECT RAISE(ABORT, 'organization id used before'); END;
CREATE TRIGGER users_fresh_id AFTER INSERT ON users
  WHEN NEW.id <= (SELECT max_id FROM retired_ids WHERE name = 'users')
  BEGIN SELECT RAISE(ABORT, 'user id used before'); END;
)sql"},
    Migration{22, R"sql(
-- The console's queues: one person's or one team's tickets by next SLA due (the default view),
-- read in index order instead of sorting every ticket the person or team ever held.
CREATE INDEX tickets_assignee_due ON tickets(assignee_id, COALESCE(sla_due_at, 9223372036854775807), id)
  WHERE assignee_id IS NOT NULL;
CREATE INDEX tickets_team_due ON tickets(team_id, COALESCE(sla_due_at, 9223372036854775807), id)
  WHERE team_id IS NOT NULL;
)sql"},
};

}  // namespace

int LatestSchemaVersion() { return kMigrations.back().version; }

Result<int> CurrentSchemaVersion(Connection& connection) {
  TD_CHECK(connection.Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "applied_at INTEGER NOT NULL DEFAULT (unixepoch()))"));
  auto stmt = TD_TRY(connection.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  TD_TRY(stmt->Step());
  return static_cast<int>(stmt->Int64(0));
}

Result<int> Migrate(Connection& connection) {
  int current = TD_TRY(CurrentSchemaVersion(connection));
  if (current > LatestSchemaVersion()) {
    return Fail(Error::Unavailable("the database is newer (schema " + std::to_string(current) +
                                   ") than this tierdesk build knows"));
  }
  for (const auto& migration : kMigrations) {
    if (migration.version <= current) continue;
    TD_CHECK(connection.Exec("BEGIN IMMEDIATE"));
    Status applied = connection.Exec(migration.sql);
    if (applied) {
      applied = connection.Exec("INSERT INTO schema_migrations (version) VALUES (" +
                                std::to_string(migration.version) + ")");
    }
    if (!applied) {
      (void)connection.Exec("ROLLBACK");
      return Fail(applied.error());
    }
    TD_CHECK(connection.Exec("COMMIT"));
    current = migration.version;
  }
  return current;
}

}  // namespace tierdesk::adapters::sqlite
