// app/vendor/internal.hpp: what the vendor use cases share (not for other layers).
#pragma once

#include "app/vendor/vendor.hpp"

namespace tierdesk::app::vendor {

// The ticket's Azure subscription id ("" when it has none).
std::string SubscriptionOf(const core::Ticket& ticket);
// The facts a case summary (and an Azure case's description) is made of.
Result<core::CaseFacts> FactsOf(core::ReadTx& tx, const core::Ticket& ticket);
Result<core::CaseSummary> Summarise(core::ReadTx& tx, const core::VendorCase& vendor_case, const core::Ticket& ticket);

// With Microsoft now: the case is submitted, Microsoft's first-response clock starts.
void Submit(core::VendorCase& vendor_case, Timestamp now);
// The ticket waits on Microsoft (pending_vendor), unless it is resolved or closed.
Status WaitOnVendor(const AppContext& ctx, core::WriteTx& tx, core::Ticket& ticket, UserId actor, Timestamp now);

// A case moving to another status, by an agent or by what Microsoft says (the vendor sync).
struct CaseMove {
  core::VendorCase& vendor_case;
  core::Ticket& ticket;
  core::VendorCaseStatus to;
  std::optional<std::int64_t> consumed_minutes;
  UserId actor;       // invalid: the vendor sync
  std::string via;    // what made the change, for the history
  bool by_microsoft = false;
  Timestamp now;
};
// The move and what follows: submitted and open put the ticket in pending_vendor;
// attention_needed puts it back to open and cues its assignee (a vendor_case.attention_needed
// event); closed records consumption against the entitlement (Microsoft closing an hourly case
// leaves the hours to the agent: a vendor_case.consumption_needed event) and reopens the ticket
// when no other case is with Microsoft. A vendor_case.updated event records the move. Not the
// case's version: the caller saves the case.
Status MoveCase(const AppContext& ctx, core::WriteTx& tx, CaseMove move);
// Records what a closed case consumed of its entitlement.
Status RecordConsumption(core::WriteTx& tx, core::VendorCase& vendor_case, std::optional<std::int64_t> minutes,
                         Timestamp now);

}  // namespace tierdesk::app::vendor
