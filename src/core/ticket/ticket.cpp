#include "core/ticket/ticket.hpp"

#include <algorithm>

#include "core/common/enum_names.hpp"
#include "core/common/text.hpp"

namespace tierdesk::core {
namespace {

constexpr EnumNames<TicketStatus, 6> kStatusNames{{{
    {TicketStatus::kNew, "new"},
    {TicketStatus::kOpen, "open"},
    {TicketStatus::kPendingCustomer, "pending_customer"},
    {TicketStatus::kPendingVendor, "pending_vendor"},
    {TicketStatus::kResolved, "resolved"},
    {TicketStatus::kClosed, "closed"},
}}};
constexpr EnumNames<Severity, 3> kSeverityNames{{{
    {Severity::kCritical, "critical"},
    {Severity::kModerate, "moderate"},
    {Severity::kMinimal, "minimal"},
}}};
constexpr EnumNames<Category, 3> kCategoryNames{{{
    {Category::kBilling, "billing"},
    {Category::kSubscription, "subscription"},
    {Category::kTechnical, "technical"},
}}};
constexpr EnumNames<Channel, 4> kChannelNames{{{
    {Channel::kPortal, "portal"},
    {Channel::kEmail, "email"},
    {Channel::kApi, "api"},
    {Channel::kPhone, "phone"},
}}};
constexpr EnumNames<Holder, 3> kHolderNames{{{
    {Holder::kPartner, "partner"},
    {Holder::kReseller, "reseller"},
    {Holder::kProvider, "provider"},
}}};

bool IsTagCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
         c == ':';
}


std::string IdText(std::int64_t value) { return value > 0 ? std::to_string(value) : std::string(); }

std::string FieldsText(const TicketFields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += ", ";
    out += name + "=" + value;
  }
  return out;
}

}  // namespace

std::string_view ToString(TicketStatus status) { return kStatusNames.Name(status); }
std::string_view ToString(Severity severity) { return kSeverityNames.Name(severity); }
std::string_view ToString(Category category) { return kCategoryNames.Name(category); }
std::string_view ToString(Channel channel) { return kChannelNames.Name(channel); }
std::string_view ToString(Holder holder) { return kHolderNames.Name(holder); }
std::optional<Holder> ParseHolder(std::string_view t) { return kHolderNames.Parse(t); }
std::optional<TicketStatus> ParseTicketStatus(std::string_view t) { return kStatusNames.Parse(t); }
std::optional<Severity> ParseSeverity(std::string_view t) { return kSeverityNames.Parse(t); }
std::optional<Category> ParseCategory(std::string_view t) { return kCategoryNames.Parse(t); }
std::optional<Channel> ParseChannel(std::string_view t) { return kChannelNames.Parse(t); }

bool IsAllowedTransition(TicketStatus from, TicketStatus to) {
  using S = TicketStatus;
  if (from == to) return true;
  switch (from) {
    case S::kNew:
    case S::kOpen:
    case S::kPendingCustomer:
    case S::kPendingVendor:
      return to == S::kOpen || to == S::kPendingCustomer || to == S::kPendingVendor ||
             to == S::kResolved;
    case S::kResolved: return to == S::kOpen || to == S::kClosed;
    case S::kClosed: return false;
  }
  return false;
}

Status CheckTransition(TicketStatus from, TicketStatus to) {
  if (IsAllowedTransition(from, to)) return Ok();
  std::string message = "a ticket cannot move from " + std::string(ToString(from)) + " to " +
                        std::string(ToString(to));
  if (from == TicketStatus::kClosed) message += "; a closed ticket is final, open a follow-up";
  return Fail(Error::Conflict(std::move(message), "invalid-transition"));
}

void ValidateSubject(std::string& subject, std::vector<FieldError>& errors) {
  subject = std::string(TrimAscii(subject));
  if (subject.empty()) {
    errors.push_back({"subject", "must not be empty"});
  } else if (!IsValidUtf8(subject)) {
    errors.push_back({"subject", "must be valid UTF-8"});
  } else if (CodePointCount(subject) > kMaxSubjectLength) {
    errors.push_back({"subject", "must be at most 250 characters"});
  } else if (!HasNoControlCharacters(subject, AllowNewlines::kNo)) {
    errors.push_back({"subject", "must not contain control characters or line breaks"});
  }
}

void ValidateBody(std::string_view field, const std::string& body, std::vector<FieldError>& errors) {
  if (TrimAscii(body).empty()) {
    errors.push_back({std::string(field), "must not be empty"});
  } else if (!IsValidUtf8(body)) {
    errors.push_back({std::string(field), "must be valid UTF-8"});
  } else if (CodePointCount(body) > kMaxBodyLength) {
    errors.push_back({std::string(field), "must be at most 100000 characters"});
  } else if (!HasNoControlCharacters(body, AllowNewlines::kYes)) {
    errors.push_back({std::string(field), "must not contain control characters"});
  }
}

void NormaliseTags(std::vector<std::string>& tags, std::vector<FieldError>& errors) {
  for (auto& tag : tags) {
    tag = ToLowerAscii(TrimAscii(tag));
    if (tag.empty() || tag.size() > 64 || !std::all_of(tag.begin(), tag.end(), IsTagCharacter)) {
      errors.push_back({"tags", "each tag is 1 to 64 of a-z 0-9 - _ . :"});
      return;
    }
  }
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  if (tags.size() > kMaxTags) errors.push_back({"tags", "at most 20 tags"});
}

void ValidateFields(const TicketFields& fields, std::vector<FieldError>& errors) {
  if (fields.size() > kMaxFields) errors.push_back({"fields", "at most 32 fields"});
  for (const auto& [name, value] : fields) {
    if (!IsFieldName(name)) {
      errors.push_back({"fields", "field names are 1 to 64 of a-z 0-9 _, starting with a letter"});
    } else if (!IsValidUtf8(value) || CodePointCount(value) > 1000 ||
               !HasNoControlCharacters(value, AllowNewlines::kNo)) {
      errors.push_back({"fields." + name, "must be at most 1000 characters, one line"});
    }
  }
}

bool IsFieldName(std::string_view name) {
  if (name.empty() || name.size() > 64 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

bool IsServiceCode(std::string_view code) { return IsFieldName(code) && code.size() <= 32; }

std::string JoinTags(const std::vector<std::string>& tags) { return Join(tags, ','); }

Result<std::vector<FieldChange>> ApplyPatch(Ticket& ticket, TicketPatch patch) {
  std::vector<FieldError> errors;
  if (patch.subject) ValidateSubject(*patch.subject, errors);
  if (patch.tags) NormaliseTags(*patch.tags, errors);
  if (patch.fields) ValidateFields(*patch.fields, errors);
  if (!errors.empty()) return Fail(Error::InvalidArgument("the change is not valid", errors));
  if (patch.status) TD_CHECK(CheckTransition(ticket.status, *patch.status));

  std::vector<FieldChange> changes;
  auto record = [&](std::string field, std::string before, std::string after) {
    if (before != after) changes.push_back({std::move(field), std::move(before), std::move(after)});
  };
  Ticket next = ticket;
  if (patch.status) {
    record("status", std::string(ToString(ticket.status)), std::string(ToString(*patch.status)));
    next.status = *patch.status;
  }
  if (patch.severity) {
    record("severity", std::string(ToString(ticket.severity)), std::string(ToString(*patch.severity)));
    next.severity = *patch.severity;
  }
  if (patch.category) {
    record("category", std::string(ToString(ticket.category)), std::string(ToString(*patch.category)));
    next.category = *patch.category;
  }
  if (patch.subject) {
    record("subject", ticket.subject, *patch.subject);
    next.subject = *patch.subject;
  }
  if (patch.team_id) {
    record("team_id", IdText(ticket.team_id.value), IdText(patch.team_id->value));
    next.team_id = *patch.team_id;
  }
  if (patch.assignee_id) {
    record("assignee_id", IdText(ticket.assignee_id.value), IdText(patch.assignee_id->value));
    next.assignee_id = *patch.assignee_id;
  }
  if (patch.provider_id) {
    record("provider_id", IdText(ticket.provider_id.value), IdText(patch.provider_id->value));
    next.provider_id = *patch.provider_id;
  }
  if (patch.tags) {
    record("tags", JoinTags(ticket.tags), JoinTags(*patch.tags));
    next.tags = std::move(*patch.tags);
  }
  if (patch.fields) {
    record("fields", FieldsText(ticket.fields), FieldsText(*patch.fields));
    next.fields = std::move(*patch.fields);
  }
  if (!changes.empty()) {
    ++next.version;
    ticket = std::move(next);
  }
  return changes;
}

}  // namespace tierdesk::core
