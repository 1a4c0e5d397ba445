#include "core/vendor/vendor_case.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"
#include "core/common/text.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<VendorCaseStatus, 5> kStatusNames{{{
    {VendorCaseStatus::kDraft, "draft"},
    {VendorCaseStatus::kSubmitted, "submitted"},
    {VendorCaseStatus::kOpen, "open"},
    {VendorCaseStatus::kAttentionNeeded, "attention_needed"},
    {VendorCaseStatus::kClosed, "closed"},
}}};

constexpr std::int64_t kMaxCaseMinutes = 100'000;

constexpr EnumNames<IncidentStatus, 2> kIncidentNames{{{
    {IncidentStatus::kActive, "active"},
    {IncidentStatus::kResolved, "resolved"},
}}};

}  // namespace

std::string_view ToString(VendorCaseStatus status) { return kStatusNames.Name(status); }
std::optional<VendorCaseStatus> ParseVendorCaseStatus(std::string_view text) { return kStatusNames.Parse(text); }

bool IsAllowedVendorTransition(VendorCaseStatus from, VendorCaseStatus to) {
  using S = VendorCaseStatus;
  if (from == S::kClosed || from == to) return false;
  if (to == S::kClosed) return true;
  switch (from) {
    case S::kDraft: return to == S::kSubmitted;
    case S::kSubmitted: return to == S::kOpen || to == S::kAttentionNeeded;
    case S::kOpen: return to == S::kAttentionNeeded;
    case S::kAttentionNeeded: return to == S::kOpen;
    case S::kClosed: return false;
  }
  return false;
}

bool IsWithVendor(VendorCaseStatus status) {
  return status == VendorCaseStatus::kSubmitted || status == VendorCaseStatus::kOpen ||
         status == VendorCaseStatus::kAttentionNeeded;
}

Timestamp VendorFirstResponseDue(Severity severity, Timestamp submitted) {
  switch (severity) {
    case Severity::kCritical: return submitted + std::chrono::hours(2);
    case Severity::kModerate: return submitted + std::chrono::hours(4);
    case Severity::kMinimal: return submitted + std::chrono::hours(8);
  }
  return submitted + std::chrono::hours(8);
}

std::string_view ToString(VendorClockState state) {
  switch (state) {
    case VendorClockState::kNone: return "none";
    case VendorClockState::kRunning: return "running";
    case VendorClockState::kMet: return "met";
    case VendorClockState::kBreached: return "breached";
  }
  return "none";
}

VendorClockState VendorFirstResponse(const VendorCase& vendor_case, Timestamp now) {
  if (!vendor_case.first_response_due) return VendorClockState::kNone;
  const Timestamp due = *vendor_case.first_response_due;
  if (vendor_case.first_responded_at) {
    return *vendor_case.first_responded_at <= due ? VendorClockState::kMet : VendorClockState::kBreached;
  }
  return now <= due ? VendorClockState::kRunning : VendorClockState::kBreached;
}

std::string_view ToString(NoteDirection direction) {
  return direction == NoteDirection::kFromVendor ? "from_vendor" : "to_vendor";
}

std::optional<NoteDirection> ParseNoteDirection(std::string_view text) {
  if (text == "from_vendor") return NoteDirection::kFromVendor;
  if (text == "to_vendor") return NoteDirection::kToVendor;
  return std::nullopt;
}

Result<std::int64_t> ConsumptionOnClose(CapacityUnit unit, std::optional<std::int64_t> minutes) {
  switch (unit) {
    case CapacityUnit::kUnlimited: return std::int64_t{0};
    case CapacityUnit::kIncidents: return std::int64_t{1};
    case CapacityUnit::kHours:
      if (!minutes || *minutes < 1 || *minutes > kMaxCaseMinutes) {
        return Fail(Error::InvalidArgument(
            "closing a case on an hourly entitlement records the time Microsoft spent",
            {{"consumed_minutes", "is 1 to 100000 minutes"}}));
      }
      return *minutes;
  }
  return std::int64_t{0};
}

CaseSummary ManualSummary(const VendorCase& vendor_case, const Ticket& ticket, const CaseFacts& facts) {
  CaseSummary summary;
  summary.title = facts.subject;
  std::string& text = summary.text;
  text += "Severity: " + std::string(ToString(vendor_case.severity)) + "\n";
  text += "Support path: " + PathTitle(vendor_case.kind) + "\n";
  if (!vendor_case.support_topic.empty()) text += "Support topic: " + vendor_case.support_topic + "\n";
  text += "Customer: " + facts.customer + "\n";
  if (!facts.tenant_id.empty()) text += "Tenant ID: " + facts.tenant_id + "\n";
  if (!facts.subscription_id.empty()) text += "Subscription ID: " + facts.subscription_id + "\n";
  text += "Partner contact: " + vendor_case.contact.name;
  if (!vendor_case.contact.email.empty()) text += " <" + vendor_case.contact.email + ">";
  if (!vendor_case.contact.phone.empty()) text += ", " + vendor_case.contact.phone;
  text += "\nPartner reference: ticket " + std::to_string(ticket.id.value) + "\n\n";
  text += "Description:\n" + facts.description + "\n";
  if (!facts.steps_taken.empty()) {
    text += "\nSteps taken:\n";
    for (const auto& step : facts.steps_taken) text += "- " + step + "\n";
  }
  // Azure technical cases are opened in the Azure portal (support plan "Cloud Solution
  // Provider"); everything else in Partner Center's service requests (DESIGN.md §1.1).
  summary.portal_url =
      ticket.service == "azure" && ticket.category == Category::kTechnical
          ? "https://portal.azure.com/#view/Microsoft_Azure_Support/HelpAndSupportBlade/~/overview"
          : "https://partner.microsoft.com/dashboard/v2/support/servicerequests";
  return summary;
}

std::string_view ToString(IncidentStatus status) { return kIncidentNames.Name(status); }
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view text) { return kIncidentNames.Parse(text); }

Status ValidateVendorIncident(const VendorIncident& incident) {
  std::vector<FieldError> errors;
  const auto& ref = incident.reference;
  if (ref.empty() || ref.size() > 64 || !std::all_of(ref.begin(), ref.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
      })) {
    errors.push_back({"reference", "is Microsoft's incident id: 1 to 64 of letters, digits, - _ ."});
  }
  if (incident.title.empty() || incident.title.size() > 200 || !IsValidUtf8(incident.title) ||
      !HasNoControlCharacters(incident.title, AllowNewlines::kNo)) {
    errors.push_back({"title", "is one line of 1 to 200 characters"});
  }
  if (!IsServiceCode(incident.service)) errors.push_back({"service", "is a service code such as m365"});
  if (!errors.empty()) return Fail(Error::InvalidArgument("the incident is not valid", std::move(errors)));
  return Ok();
}

}  // namespace tierdesk::core
