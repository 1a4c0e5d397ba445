#include "core/org/subscription.hpp"

#include "core/common/enum_names.hpp"
#include "core/common/text.hpp"
#include "core/ticket/ticket.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<SubscriptionStatus, 2> kStatusNames{{{
    {SubscriptionStatus::kActive, "active"},
    {SubscriptionStatus::kCancelled, "cancelled"},
}}};

}  // namespace

std::string_view ToString(SubscriptionStatus status) { return kStatusNames.Name(status); }
std::optional<SubscriptionStatus> ParseSubscriptionStatus(std::string_view text) { return kStatusNames.Parse(text); }

void CheckSubscriptionShape(Subscription& subscription, std::vector<FieldError>& errors) {
  subscription.external_id = ToLowerAscii(TrimAscii(subscription.external_id));
  if (!IsGuid(subscription.external_id)) errors.push_back({"subscription_id", "must be a GUID"});
  subscription.name = std::string(TrimAscii(subscription.name));
  if (subscription.name.empty() || !IsValidUtf8(subscription.name) || CodePointCount(subscription.name) > 200 ||
      !HasNoControlCharacters(subscription.name, AllowNewlines::kNo)) {
    errors.push_back({"name", "must be 1 to 200 characters, one line"});
  }
}

Result<std::vector<SubscriptionHistoryEntry>> ApplySubscriptionPatch(Subscription& subscription,
                                                                     const SubscriptionPatch& patch) {
  if (subscription.status == SubscriptionStatus::kCancelled) {
    return Fail(Error::Conflict("the subscription is cancelled; it is kept as it was", "subscription-cancelled"));
  }
  Subscription next = subscription;
  if (patch.name) next.name = *patch.name;
  if (patch.new_commerce) next.new_commerce = *patch.new_commerce;
  std::vector<FieldError> errors;
  CheckSubscriptionShape(next, errors);
  if (patch.service && !IsServiceCode(*patch.service)) errors.push_back({"service", "is not a service code"});
  if (!errors.empty()) return Fail(Error::InvalidArgument("the change is not valid", std::move(errors)));
  if (patch.service) next.service = *patch.service;
  if (patch.support_contact_id) next.support_contact_id = *patch.support_contact_id;
  std::vector<SubscriptionHistoryEntry> lines;
  const auto note = [&](const char* field, const std::string& before, const std::string& after) {
    if (before == after) return;
    SubscriptionHistoryEntry line;
    line.subscription_id = subscription.id;
    line.action = "subscription.updated";
    line.field = field;
    line.before = before;
    line.after = after;
    lines.push_back(std::move(line));
  };
  note("name", subscription.name, next.name);
  note("service", subscription.service, next.service);
  note("new_commerce", subscription.new_commerce ? "true" : "false", next.new_commerce ? "true" : "false");
  note("support_contact_id", std::to_string(subscription.support_contact_id.value),
       std::to_string(next.support_contact_id.value));
  subscription = std::move(next);
  return lines;
}

Status CheckSubscriptionForTicket(const Subscription& subscription, bool technical) {
  if (subscription.status != SubscriptionStatus::kCancelled || !technical) return Ok();
  return Fail(Error{ErrorCode::kInvalidArgument,
                    "the subscription " + subscription.name +
                        " is cancelled: it is covered for billing and subscription questions only",
                    {},
                    {{"subscription_id", "is cancelled"}},
                    "subscription-cancelled"});
}

std::optional<SubscriptionHistoryEntry> ResetSupportContact(Subscription& subscription, const Organization& customer,
                                                            std::string action, std::string reason, UserId actor,
                                                            Timestamp now) {
  if (subscription.support_contact_id == customer.parent_id) return std::nullopt;
  SubscriptionHistoryEntry line;
  line.subscription_id = subscription.id;
  line.action = std::move(action);
  line.field = "support_contact_id";
  line.before = std::to_string(subscription.support_contact_id.value);
  line.after = std::to_string(customer.parent_id.value);
  line.actor_id = actor;
  line.reason = std::move(reason);
  line.created_at = now;
  subscription.support_contact_id = customer.parent_id;
  return line;
}

std::vector<SubscriptionHistoryEntry> HistoryForOutsider(const Subscription& subscription,
                                                         std::vector<SubscriptionHistoryEntry> history,
                                                         const std::function<bool(std::string_view org_id)>& sees) {
  const std::string current = std::to_string(subscription.customer_id.value);
  std::size_t from = 0;
  for (std::size_t i = 0; i < history.size(); ++i) {
    if (history[i].action == "subscription.transferred" && history[i].field == "customer_id" &&
        history[i].after == current) {
      from = i;
    }
  }
  std::vector<SubscriptionHistoryEntry> out;
  for (std::size_t i = from; i < history.size(); ++i) {
    auto& line = history[i];
    if (line.action == "subscription.transferred") line.reason.clear();
    if (line.field == "customer_id" || line.field == "support_contact_id") {
      if (!sees(line.before)) line.before.clear();
      if (!sees(line.after)) line.after.clear();
    }
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace tierdesk::core
