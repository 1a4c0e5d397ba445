#include "adapters/http/json_io.hpp"

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

namespace tierdesk::adapters::http {

namespace json = boost::json;

namespace {

// Boost.JSON's own parser keeps the last of repeated member names. This handler builds the same
// value and counts the members it was given; after the parse, a document whose objects hold fewer
// members than were given repeated a name (the topmost object with a repeat is in the tree, and
// one member short). Counting costs nothing next to the parse.
struct CountingHandler {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  json::value_stack st;
  std::size_t members = 0;

  CountingHandler(json::storage_ptr sp, unsigned char* buffer, std::size_t size) : st(std::move(sp), buffer, size) {}

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) { return true; }
  bool on_object_end(std::size_t n, json::error_code&) {
    members += n;
    st.push_object(n);
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t n, json::error_code&) {
    st.push_array(n);
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    st.push_key(s);
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
    st.push_chars(s);
    return true;
  }
  bool on_string(json::string_view s, std::size_t, json::error_code&) {
    st.push_string(s);
    return true;
  }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, json::error_code&) {
    st.push_int64(i);
    return true;
  }
  bool on_uint64(std::uint64_t u, json::string_view, json::error_code&) {
    st.push_uint64(u);
    return true;
  }
  bool on_double(double d, json::string_view, json::error_code&) {
    st.push_double(d);
    return true;
  }
  bool on_bool(bool b, json::error_code&) {
    st.push_bool(b);
    return true;
  }
  bool on_null(json::error_code&) {
    st.push_null();
    return true;
  }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

// The members of every object in the value (depth is at most 32).
std::size_t MembersIn(const json::value& value) {
  std::size_t n = 0;
  if (const auto* object = value.if_object()) {
    n = object->size();
    for (const auto& member : *object) n += MembersIn(member.value());
  } else if (const auto* array = value.if_array()) {
    for (const auto& item : *array) n += MembersIn(item);
  }
  return n;
}

// Only for a body known to repeat a name: finds the first repeat and names it the way field
// errors do ("pricing.currency", "lines[2].name").
struct RepeatFinder {
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = json::string::max_size();
  static constexpr std::size_t max_string_size = json::string::max_size();

  struct Frame {
    bool object = true;
    std::set<std::string> keys;
    std::string key;        // objects: the member being read
    std::size_t index = 0;  // arrays: the item being read
  };
  std::vector<Frame> frames;
  std::string partial_key;
  std::string found;  // the path of the first repeated name

  std::string Path() const {
    std::string path;
    for (const auto& frame : frames) {
      if (frame.object) {
        if (!path.empty()) path += '.';
        path += frame.key;
      } else {
        path += "[" + std::to_string(frame.index) + "]";
      }
    }
    return path;
  }
  bool ValueDone() {
    if (!frames.empty() && !frames.back().object) ++frames.back().index;
    return true;
  }

  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    frames.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    frames.pop_back();
    return ValueDone();
  }
  bool on_array_begin(json::error_code&) {
    frames.emplace_back().object = false;
    return true;
  }
  bool on_array_end(std::size_t, json::error_code&) {
    frames.pop_back();
    return ValueDone();
  }
  bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
    partial_key.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, json::error_code&) {
    partial_key.append(s.data(), s.size());
    auto& frame = frames.back();
    frame.key = std::move(partial_key);
    partial_key.clear();
    if (!frame.keys.insert(frame.key).second && found.empty()) found = Path();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, json::error_code&) { return ValueDone(); }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) { return ValueDone(); }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return ValueDone(); }
  bool on_double(double, json::string_view, json::error_code&) { return ValueDone(); }
  bool on_bool(bool, json::error_code&) { return ValueDone(); }
  bool on_null(json::error_code&) { return ValueDone(); }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

Error MalformedJson(std::string message, std::vector<FieldError> fields = {}) {
  return Error{ErrorCode::kInvalidArgument, std::move(message), {}, std::move(fields), "malformed-json"};
}

}  // namespace

Result<json::object> ParseObject(const Request& request) {
  const std::string_view body = request.Body();
  if (body.empty()) return Fail(MalformedJson("the request body is empty; send a JSON object"));
  json::parse_options options;
  options.max_depth = 32;
  unsigned char buffer[BOOST_JSON_STACK_BUFFER_SIZE];
  json::basic_parser<CountingHandler> parser(options, json::storage_ptr(), buffer, sizeof(buffer));
  parser.handler().st.reset();
  json::error_code ec;
  const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
  if (!ec && used < body.size()) ec = json::error::extra_data;
  if (ec) return Fail(MalformedJson("the body is not valid JSON: " + ec.message()));
  json::value value = parser.handler().st.release();
  if (MembersIn(value) != parser.handler().members) {
    json::basic_parser<RepeatFinder> finder(options);
    finder.write_some(false, body.data(), body.size(), ec);
    const std::string path = finder.handler().found;
    return Fail(MalformedJson("the body gives \"" + path + "\" more than once; member names must be unique",
                              {{path, "appears more than once in its object"}}));
  }
  if (!value.is_object()) {
    return Fail(Error::InvalidArgument("the body must be a JSON object"));
  }
  return std::move(value.as_object());
}

const json::value* ObjectReader::Find(const char* key, bool required) {
  known_.insert(key);
  const auto* value = object_.if_contains(key);
  if (value == nullptr || (value->is_null() && required)) {
    if (required) errors_.push_back({prefix_ + key, "is required"});
    return nullptr;
  }
  return value;
}

const json::object* ObjectReader::Object(const char* key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr || value->is_null()) return nullptr;
  if (!value->is_object()) {
    errors_.push_back({prefix_ + key, "must be an object"});
    return nullptr;
  }
  return &value->as_object();
}

const json::array* ObjectReader::ObjectArray(const char* key) {
  const auto* value = Find(key, false);
  if (value == nullptr || value->is_null()) return nullptr;
  if (!value->is_array() || value->as_array().size() > 1000) {
    errors_.push_back({prefix_ + key, "must be an array of objects"});
    return nullptr;
  }
  for (const auto& item : value->as_array()) {
    if (!item.is_object()) {
      errors_.push_back({prefix_ + key, "must be an array of objects"});
      return nullptr;
    }
  }
  return &value->as_array();
}

void ObjectReader::CollectUnknown() {
  for (const auto& [key, value] : object_) {
    if (!known_.count(std::string(key))) errors_.push_back({prefix_ + std::string(key), "is not a known field"});
  }
  known_.clear();
  for (const auto& [key, value] : object_) known_.insert(std::string(key));  // reported once
}

void ObjectReader::Absorb(ObjectReader& child) {
  child.CollectUnknown();
  errors_.insert(errors_.end(), child.errors_.begin(), child.errors_.end());
  child.errors_.clear();
}

std::optional<std::string> ObjectReader::String(const char* key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    errors_.push_back({prefix_ + key, "must be a string"});
    return std::nullopt;
  }
  return std::string(value->as_string());
}

std::optional<std::int64_t> ObjectReader::Int(const char* key, bool required) {
  const auto* value = Find(key, required);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value->as_uint64());
  }
  errors_.push_back({prefix_ + key, "must be an integer"});
  return std::nullopt;
}

std::optional<bool> ObjectReader::Bool(const char* key) {
  const auto* value = Find(key, false);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_bool()) {
    errors_.push_back({prefix_ + key, "must be true or false"});
    return std::nullopt;
  }
  return value->as_bool();
}

std::optional<std::int64_t> ObjectReader::NullableId(const char* key) {
  const auto* value = Find(key, false);
  if (value == nullptr) return std::nullopt;
  if (value->is_null()) return std::int64_t{0};
  if (value->is_int64() && value->as_int64() > 0) return value->as_int64();
  errors_.push_back({prefix_ + key, "must be a positive integer id or null"});
  return std::nullopt;
}

std::optional<std::vector<std::string>> ObjectReader::StringArray(const char* key) {
  const auto* value = Find(key, false);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_array() || value->as_array().size() > 1000) {
    errors_.push_back({prefix_ + key, "must be an array of strings"});
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) {
      errors_.push_back({prefix_ + key, "must be an array of strings"});
      return std::nullopt;
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

std::optional<std::vector<std::int64_t>> ObjectReader::IdArray(const char* key) {
  const auto* value = Find(key, false);
  if (value == nullptr || value->is_null()) return std::nullopt;
  std::vector<std::int64_t> out;
  const bool is_array = value->is_array() && value->as_array().size() <= 1000;
  if (is_array) {
    for (const auto& item : value->as_array()) {
      if (!item.is_int64() || item.as_int64() <= 0) break;
      out.push_back(item.as_int64());
    }
  }
  if (!is_array || out.size() != value->as_array().size()) {
    errors_.push_back({prefix_ + key, "must be an array of positive integer ids"});
    return std::nullopt;
  }
  return out;
}

std::optional<std::map<std::string, std::string>> ObjectReader::StringMap(const char* key) {
  const auto* value = Find(key, false);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_object()) {
    errors_.push_back({prefix_ + key, "must be an object of strings"});
    return std::nullopt;
  }
  std::map<std::string, std::string> out;
  for (const auto& [name, item] : value->as_object()) {
    if (!item.is_string()) {
      errors_.push_back({prefix_ + std::string(key) + "." + std::string(name), "must be a string"});
      continue;
    }
    out.emplace(std::string(name), std::string(item.as_string()));
  }
  return out;
}

Status ObjectReader::Finish() {
  CollectUnknown();
  if (errors_.empty()) return Ok();
  return Fail(Error::InvalidArgument("the request is not valid", std::move(errors_)));
}

json::value IdOrNull(std::int64_t id) { return id > 0 ? json::value(id) : json::value(nullptr); }

json::value ToJson(const core::Organization& org) {
  json::array domains;
  for (const auto& d : org.domains) domains.emplace_back(d);
  return json::object{{"id", org.id.value},
                      {"kind", core::ToString(org.kind)},
                      {"name", org.name},
                      {"parent_id", IdOrNull(org.parent_id.value)},
                      {"domains", std::move(domains)},
                      {"tenant_id", org.tenant_id.empty() ? json::value(nullptr) : json::value(org.tenant_id)},
                      {"country", org.country},
                      {"locale", org.locale},
                      {"time_zone", org.time_zone},
                      {"active", org.active()},
                      {"deactivated_at", org.deactivated_at ? json::value(FormatTimestamp(*org.deactivated_at))
                                                            : json::value(nullptr)},
                      {"version", org.version},
                      {"created_at", FormatTimestamp(org.created_at)}};
}

json::value ToJson(const core::User& user) {
  return json::object{{"id", user.id.value},
                      {"organization_id", user.organization_id.value},
                      {"email", user.email},
                      {"name", user.name},
                      {"role", core::ToString(user.role)},
                      {"active", user.active},
                      {"away", user.away},
                      {"shift_calendar_id", IdOrNull(user.shift_calendar.value)},
                      {"version", user.version},
                      {"created_at", FormatTimestamp(user.created_at)}};
}

json::value ToJson(const core::Team& team) {
  json::array members;
  for (const auto m : team.members) members.emplace_back(m.value);
  return json::object{{"id", team.id.value},
                      {"name", team.name},
                      {"members", std::move(members)},
                      {"assignment", core::ToString(team.assignment)},
                      {"tier", team.tier},
                      {"created_at", FormatTimestamp(team.created_at)}};
}

namespace {
json::array CategoryNames(const std::vector<core::Category>& categories) {
  json::array out;
  for (const auto c : categories) out.emplace_back(core::ToString(c));
  return out;
}
}  // namespace

json::value ToJson(const core::ServiceRequirements& requirements) {
  json::array fields;
  for (const auto& f : requirements.fields) {
    fields.push_back(json::object{{"name", f.name},
                                  {"label", f.label},
                                  {"format", core::ToString(f.format)},
                                  {"categories", CategoryNames(f.categories)},
                                  {"group", f.group},
                                  {"customer_subscription", f.customer_subscription}});
  }
  json::array checklist;
  for (const auto& item : requirements.checklist) {
    checklist.push_back(json::object{{"key", item.key}, {"text", item.text}, {"categories", CategoryNames(item.categories)}});
  }
  return json::object{{"fields", std::move(fields)}, {"checklist", std::move(checklist)}};
}

json::value ToJson(const core::Service& service) {
  return json::object{{"code", service.code},
                      {"name", service.name},
                      {"builtin", service.builtin},
                      {"requirements", ToJson(service.requirements)}};
}

json::value ToJson(const core::Subscription& s) {
  return json::object{{"id", s.id.value},
                      {"customer_id", s.customer_id.value},
                      {"service", s.service},
                      {"subscription_id", s.external_id},
                      {"name", s.name},
                      {"support_contact_id", s.support_contact_id.value},
                      {"new_commerce", s.new_commerce},
                      {"status", core::ToString(s.status)},
                      {"cancelled_at", s.cancelled_at ? json::value(FormatTimestamp(*s.cancelled_at)) : json::value(nullptr)},
                      {"version", s.version},
                      {"created_at", FormatTimestamp(s.created_at)}};
}

namespace {

json::value InstantOrNull(const std::optional<core::UnixMillis>& t) {
  if (!t) return nullptr;
  return json::value(FormatTimestamp(FromUnixMillis(*t)));
}

// Whole seconds of a non-negative millisecond count, rounded down.
std::int64_t WholeSeconds(std::int64_t millis) { return millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000); }

json::value ToJson(const core::SlaReport& sla) {
  json::object out;
  for (const auto kind : core::kClockKinds) {
    const auto& clock = sla.clocks[static_cast<std::size_t>(kind)];
    if (!clock) {
      out[core::ToString(kind)] = nullptr;
      continue;
    }
    out[core::ToString(kind)] = json::object{{"state", core::ToString(clock->state)},
                                             {"target_minutes", clock->target.minutes},
                                             {"basis", core::ToString(clock->target.basis)},
                                             {"due_at", InstantOrNull(clock->due_at)},
                                             // Whole seconds, so remaining = target - consumed.
                                             {"consumed_seconds", WholeSeconds(clock->consumed)},
                                             {"paused_seconds", WholeSeconds(clock->paused)},
                                             {"remaining_seconds", clock->target.minutes * 60 - WholeSeconds(clock->consumed)},
                                             {"stopped_at", InstantOrNull(clock->stopped_at)},
                                             {"counting", clock->counting},
                                             {"cycle", clock->cycle}};
  }
  out["next_due_at"] = InstantOrNull(sla.next_due);
  out["breached"] = sla.breached;
  return out;
}

}  // namespace

json::value ToJson(const core::Ticket& t, const core::SlaReport& sla, const core::SlaReport& underpinning,
                   const core::Actor& viewer) {
  const bool customer = core::IsCustomerRole(viewer.role);
  json::array tags;
  for (const auto& tag : t.tags) tags.emplace_back(tag);
  json::object fields;
  for (const auto& [name, value] : t.fields) fields[name] = value;
  return json::object{{"id", t.id.value},
                      {"number", t.id.value},
                      {"customer_id", t.customer_id.value},
                      {"requester_id", t.requester_id.value},
                      {"reseller_id", IdOrNull(t.reseller_id.value)},
                      {"provider_id", customer ? json::value(nullptr) : IdOrNull(t.provider_id.value)},
                      {"holder", customer && t.holder == core::Holder::kProvider ? "partner" : core::ToString(t.holder)},
                      {"channel", core::ToString(t.channel)},
                      {"service", t.service},
                      {"category", core::ToString(t.category)},
                      {"severity", core::ToString(t.severity)},
                      {"subject", t.subject},
                      {"status", core::ToString(t.status)},
                      {"team_id", IdOrNull(t.team_id.value)},
                      {"assignee_id", IdOrNull(t.assignee_id.value)},
                      {"subscription_id", IdOrNull(t.subscription_id.value)},
                      {"tags", std::move(tags)},
                      {"fields", std::move(fields)},
                      {"version", t.version},
                      {"scope", t.scope},
                      {"statement_hash", t.statement_hash},
                      {"agreement_id", IdOrNull(t.agreement_id.value)},
                      {"plan", t.plan_id.valid() ? json::value(json::object{{"id", t.plan_id.value}, {"version", t.plan_version}})
                                                 : json::value(nullptr)},
                      {"quote", t.quote_currency.empty() || !core::MoneyViewFor(viewer).prices
                                    ? json::value(nullptr)
                                    : json::value(json::object{{"currency", t.quote_currency},
                                                               {"hourly_rate", t.quote_hourly_rate},
                                                               {"increment_minutes", t.quote_increment_minutes},
                                                               {"minimum_minutes", t.quote_minimum_minutes}})},
                      {"sla", ToJson(sla)},
                      {"underpinning", customer || t.underpinning.empty() ? json::value(nullptr) : ToJson(underpinning)},
                      {"created_at", FormatTimestamp(t.created_at)},
                      {"updated_at", FormatTimestamp(t.updated_at)}};
}

json::value ToJson(const core::Message& m) {
  return json::object{{"id", m.id.value},
                      {"ticket_id", m.ticket_id.value},
                      {"author_id", IdOrNull(m.author_id.value)},
                      {"kind", core::ToString(m.kind)},
                      {"visibility", core::IsInternal(m.kind) ? "internal" : "public"},
                      {"shared_with_provider", m.shared_with_provider},
                      {"body", m.body},
                      {"created_at", FormatTimestamp(m.created_at)}};
}

json::value ToJson(const core::Event& e) {
  return json::object{{"id", e.id},
                      {"ticket_id", IdOrNull(e.ticket_id.value)},
                      {"actor_id", IdOrNull(e.actor_id.value)},
                      {"action", e.action},
                      {"field", e.field},
                      {"before", e.before},
                      {"after", e.after},
                      {"via", e.via},
                      {"created_at", FormatTimestamp(e.created_at)}};
}

json::value ToJson(const core::Attachment& a, TicketId ticket) {
  return json::object{
      {"id", a.id.value},
      {"ticket_id", a.ticket_id.value},
      {"filename", a.filename},
      {"content_type", a.content_type},
      {"size", a.size},
      {"sha256", a.sha256},
      {"visibility", a.internal ? "internal" : "public"},
      {"url", "/api/v1/tickets/" + std::to_string(ticket.value) + "/attachments/" +
                  std::to_string(a.id.value)},
      {"created_at", FormatTimestamp(a.created_at)}};
}

json::value ToJson(const app::billing::Statement& s, bool with_costs) {
  json::array lines;
  for (const auto& line : s.lines) {
    json::array entries;
    for (const auto id : line.entries) entries.push_back(id);
    lines.push_back(json::object{{"kind", core::ToString(line.kind)},
                                 {"ticket_id", IdOrNull(line.ticket.value)},
                                 {"description", line.description},
                                 {"rule", line.rule},
                                 {"quantity", line.quantity},
                                 {"unit", line.unit},
                                 {"unit_price", line.unit_price},
                                 {"amount", line.amount},
                                 {"currency", line.currency},
                                 {"time_entry_ids", std::move(entries)},
                                 {"prepaid_block_id", line.block == 0 ? json::value(nullptr) : json::value(line.block)},
                                 {"adjusts", line.adjusts.empty() ? json::value(nullptr) : json::value(line.adjusts)}});
  }
  json::object totals;
  for (const auto& [currency, total] : s.totals) totals[currency] = total;
  json::object out{{"customer_id", s.customer.value},
                   {"customer", s.customer_name},
                   {"period", s.period},
                   {"status", s.closed ? "closed" : "open"},
                   {"closed_at", s.closed_at ? json::value(FormatTimestamp(*s.closed_at)) : json::value(nullptr)},
                   {"lines", std::move(lines)},
                   {"totals", std::move(totals)}};
  if (s.usage) {
    out["usage"] = json::object{{"billable_minutes", s.usage->billable_minutes},
                                {"included_minutes", s.usage->included_minutes},
                                {"included_minutes_used", s.usage->included_used},
                                {"incidents", s.usage->incidents},
                                {"prepaid_minutes_left", s.usage->prepaid_minutes_left},
                                {"prepaid_incidents_left", s.usage->prepaid_incidents_left},
                                {"low_balance", s.usage->low_balance}};
  } else {
    out["usage"] = nullptr;
  }
  if (with_costs) {
    json::array costs;
    for (const auto& cost : s.costs) {
      costs.push_back(json::object{{"kind", core::ToString(cost.kind)},
                                   {"ticket_id", IdOrNull(cost.ticket.value)},
                                   {"description", cost.description},
                                   {"amount", cost.amount},
                                   {"currency", cost.currency}});
    }
    out["costs"] = std::move(costs);
  }
  return out;
}

Response JsonResponse(int status, const json::value& value) {
  Response response;
  response.status = status;
  response.body = json::serialize(value);
  return response;
}

Response NoContent() {
  Response response;
  response.status = 204;
  return response;
}

std::string ETagFor(const core::Ticket& ticket) {
  return "\"v" + std::to_string(ticket.version) + "\"";
}

}  // namespace tierdesk::adapters::http
