// core/ticket/ticket.hpp
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/ids.hpp"
#include "core/common/result.hpp"
#include "core/common/time.hpp"
#include "core/sla/clocks.hpp"

namespace tierdesk::core {

enum class TicketStatus { kNew, kOpen, kPendingCustomer, kPendingVendor, kResolved, kClosed };
enum class Severity { kCritical, kModerate, kMinimal };  // Microsoft's A, B, C
enum class Category { kBilling, kSubscription, kTechnical };
enum class Channel { kPortal, kEmail, kApi, kPhone };
// Which organisation holds a ticket now: the partner, the reseller that owns the customer
// (two-tier CSP, until it hands the ticket up) or the provider it is routed to.
enum class Holder { kPartner, kReseller, kProvider };

std::string_view ToString(TicketStatus status);
std::string_view ToString(Severity severity);
std::string_view ToString(Category category);
std::string_view ToString(Channel channel);
std::string_view ToString(Holder holder);
std::optional<TicketStatus> ParseTicketStatus(std::string_view text);
std::optional<Severity> ParseSeverity(std::string_view text);
std::optional<Category> ParseCategory(std::string_view text);
std::optional<Channel> ParseChannel(std::string_view text);
std::optional<Holder> ParseHolder(std::string_view text);

// The lifecycle. A closed ticket is final: a follow-up opens a new ticket.
bool IsAllowedTransition(TicketStatus from, TicketStatus to);
Status CheckTransition(TicketStatus from, TicketStatus to);

using TicketFields = std::map<std::string, std::string>;  // per-service fields, e.g. subscription_id

struct Ticket {
  TicketId id;  // also the ticket number shown to people
  OrgId customer_id;
  UserId requester_id;
  OrgId reseller_id;   // the reseller that owns the customer, if any (two-tier CSP scope)
  OrgId provider_id;   // the outsourced provider the ticket is routed to, if any
  Holder holder = Holder::kPartner;
  Channel channel = Channel::kPortal;
  std::string service;  // a Service code: azure, m365, d365, ...
  Category category = Category::kTechnical;
  Severity severity = Severity::kModerate;
  std::string subject;
  TicketStatus status = TicketStatus::kNew;
  TeamId team_id;
  UserId assignee_id;
  SubscriptionId subscription_id;
  std::vector<std::string> tags;  // sorted, unique, lower case
  std::string scope = "in_scope";  // core::ScopeKind's name: in_scope or out_of_scope_billable
  AgreementId agreement_id;        // the agreement in force when it was opened, if any
  PlanId plan_id;                  // the plan (agreement's or the partner's default), if any
  std::int64_t plan_version = 0;
  std::string quote_currency;      // out of scope: the accepted quote
  std::int64_t quote_hourly_rate = 0;
  int quote_increment_minutes = 0;
  int quote_minimum_minutes = 0;
  std::string statement_hash;      // the support statement in force when it was opened
  TicketFields fields;
  SlaClocks sla;                   // first response, next response, resolution (core/sla)
  SlaClocks underpinning = {};     // the provider's own targets while it holds the ticket
  // What lists and the SLA watch need of the clocks, kept in step by app/sla's Refresh: the
  // earliest due time of a running clock, whether a clock that no longer runs was breached, and
  // when the watch next has something to raise.
  std::optional<Timestamp> sla_due_at;
  bool sla_breached = false;
  std::optional<Timestamp> sla_watch_at;
  std::int64_t version = 1;  // bumped on every change of these attributes (not on new messages); the ETag
  Timestamp created_at;
  Timestamp updated_at;
};

inline constexpr std::size_t kMaxSubjectLength = 250;
inline constexpr std::size_t kMaxBodyLength = 100'000;
inline constexpr std::size_t kMaxTags = 20;
inline constexpr std::size_t kMaxFields = 32;

// Checks and normalises each part of a ticket; the FieldError names are the API's field names.
void ValidateSubject(std::string& subject, std::vector<FieldError>& errors);
void ValidateBody(std::string_view field, const std::string& body, std::vector<FieldError>& errors);
void NormaliseTags(std::vector<std::string>& tags, std::vector<FieldError>& errors);
void ValidateFields(const TicketFields& fields, std::vector<FieldError>& errors);
bool IsServiceCode(std::string_view code);
// A per-service field's name: 1 to 64 of a-z 0-9 _, starting with a letter.
bool IsFieldName(std::string_view name);

// A partial update. For nullable references an engaged optional holding an invalid id clears it.
struct TicketPatch {
  std::optional<TicketStatus> status;
  std::optional<Severity> severity;
  std::optional<Category> category;
  std::optional<std::string> subject;
  std::optional<TeamId> team_id;
  std::optional<UserId> assignee_id;
  std::optional<OrgId> provider_id;
  std::optional<std::vector<std::string>> tags;
  std::optional<TicketFields> fields;  // replaces the whole map

  bool empty() const {
    return !status && !severity && !category && !subject && !team_id && !assignee_id && !provider_id &&
           !tags && !fields;
  }
};

// One changed attribute, recorded as a history event.
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

// Applies a validated patch; returns what changed (possibly nothing). Rejects invalid
// transitions with kConflict and bad values with kInvalidArgument; the ticket is untouched then.
Result<std::vector<FieldChange>> ApplyPatch(Ticket& ticket, TicketPatch patch);

std::string JoinTags(const std::vector<std::string>& tags);

}  // namespace tierdesk::core
