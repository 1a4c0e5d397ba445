// core/billing/ledger.hpp: what billing keeps (DESIGN.md §4 Time entry, Charge).
#pragma once

#include <optional>
#include <string>

#include "core/billing/rating.hpp"

namespace tierdesk::core {

// A prepaid block a customer bought: minutes for hours, or incidents.
struct PrepaidPurchase {
  std::int64_t id = 0;
  OrgId customer;
  Pricing::BlockUnit unit = Pricing::BlockUnit::kHours;
  std::int64_t quantity = 0;
  std::int64_t price = 0;
  std::string currency;
  Day purchased_on = 0;
  UserId created_by;
  Timestamp created_at;
};

// What billing reads of a time entry worked in a period, and whether a provider's agent did it.
struct PeriodEntry {
  std::int64_t id = 0;
  TicketId ticket;
  std::int64_t minutes = 0;
  bool billable = true;
  Activity activity = Activity::kRemote;
  Timestamp worked_at;
  bool by_provider = false;
  std::string cost_currency = {};
  std::int64_t cost_amount = 0;
  std::int64_t after_hours_minutes = 0;
};

// A ticket with time in a period or first resolved in it.
struct PeriodTicket {
  TicketId id;
  OrgId customer;
  std::string subject;
  std::string scope;
  Quote quote;
  std::optional<Timestamp> first_resolved_at;
};

// A customer's period, closed: its lines, costs and block draws are frozen.
struct ClosedPeriod {
  OrgId customer;
  std::string period;  // "2026-11"
  Timestamp closed_at;
  UserId closed_by;
};

struct BilledLine {
  OrgId customer;
  std::string period;
  ChargeLine line;
};
struct BilledCost {
  OrgId customer;
  std::string period;
  CostLine cost;
};
struct BilledDraw {
  OrgId customer;
  std::string period;
  BlockDraw draw;
};

// A billing clerk's decision on a ticket's work that needs approval in a customer's period. Every
// decision is kept, in order; the latest applies.
struct BillingApproval {
  std::int64_t id = 0;
  OrgId customer;
  std::string period;  // "2026-11"
  TicketId ticket;
  ApprovalDecision decision = ApprovalDecision::kApproved;
  std::string note;
  UserId decided_by;
  Timestamp decided_at;
};

// A running timer: one per user.
struct Timer {
  UserId user;
  TicketId ticket;
  Timestamp started_at;
};

}  // namespace tierdesk::core
