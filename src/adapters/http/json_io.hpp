// adapters/http/json_io.hpp
#pragma once

#include "app/billing/billing.hpp"
#include "core/sla/sla.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adapters/http/message.hpp"
#include "core/ports/store.hpp"

namespace tierdesk::adapters::http {

// Parses a request body as one JSON object. Malformed JSON, invalid UTF-8 and nesting deeper
// than 32 are a 400 "malformed-json"; a well-formed non-object is a 422 "validation".
Result<boost::json::object> ParseObject(const Request& request);

// Reads fields of a JSON object strictly: wrong types and, at Finish(), unknown fields become
// field errors; nothing is silently ignored.
class ObjectReader {
 public:
  // prefix names nested readers' fields: "pricing." makes errors read "pricing.currency".
  explicit ObjectReader(const boost::json::object& object, std::string prefix = {})
      : object_(object), prefix_(std::move(prefix)) {}

  // A nested object (registered as known); nullptr when absent or not an object (an error).
  const boost::json::object* Object(const char* key, bool required = false);
  // A nested array of objects; nullptr when absent or of the wrong type (an error).
  const boost::json::array* ObjectArray(const char* key);
  // Takes over a nested reader's errors, including its unknown fields.
  void Absorb(ObjectReader& child);

  std::optional<std::string> String(const char* key, bool required = false);
  std::optional<std::int64_t> Int(const char* key, bool required = false);
  std::optional<bool> Bool(const char* key);
  // A JSON null where a reference may be cleared: returns an engaged optional holding 0.
  std::optional<std::int64_t> NullableId(const char* key);
  std::optional<std::vector<std::string>> StringArray(const char* key);
  std::optional<std::vector<std::int64_t>> IdArray(const char* key);
  std::optional<std::map<std::string, std::string>> StringMap(const char* key);
  template <class E, class Parse>
  std::optional<E> Enum(const char* key, Parse parse, bool required = false) {
    auto text = String(key, required);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) errors_.push_back({prefix_ + key, "has an unknown value '" + *text + "'"});
    return value;
  }

  void AddError(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  // kInvalidArgument listing every problem, or Ok.
  Status Finish();

 private:
  const boost::json::value* Find(const char* key, bool required);
  void CollectUnknown();
  const boost::json::object& object_;
  std::string prefix_;
  std::set<std::string> known_;
  std::vector<FieldError> errors_;
};

boost::json::value ToJson(const core::Organization& org);
boost::json::value ToJson(const core::User& user);
boost::json::value ToJson(const core::Team& team);
boost::json::value ToJson(const core::Service& service);
boost::json::value ToJson(const core::ServiceRequirements& requirements);
boost::json::value ToJson(const core::Subscription& subscription);
// A ticket with its SLA clocks as evaluated for this response.
// viewer: customers see the partner (or their reseller) as their contact, never the provider
// it outsources to nor that provider's own targets; provider agents see no `quote` (a price,
// core::MoneyViewFor).
boost::json::value ToJson(const core::Ticket& ticket, const core::SlaReport& sla, const core::SlaReport& underpinning,
                          const core::Actor& viewer);
boost::json::value ToJson(const core::Message& message);
boost::json::value ToJson(const core::Event& event);
boost::json::value ToJson(const core::Attachment& attachment, TicketId ticket);

// A billing statement; the partner's costs only when asked (never for customer roles).
boost::json::value ToJson(const app::billing::Statement& statement, bool with_costs);

Response JsonResponse(int status, const boost::json::value& value);
// 204, for a change that has nothing to show (a delete).
Response NoContent();
// A positive id, or null for "none".
boost::json::value IdOrNull(std::int64_t id);
std::string ETagFor(const core::Ticket& ticket);

}  // namespace tierdesk::adapters::http
