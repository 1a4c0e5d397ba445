// core/common/references.hpp
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace tierdesk {

// A record that refers to another by id, such as the plan whose service hours are a calendar:
// {"plan", 3}. Kinds are the API's nouns in the singular: plan, user, provider, rule,
// entitlement, vendor_case.
struct Reference {
  std::string kind;
  std::int64_t id = 0;
  bool operator==(const Reference&) const = default;
};

// The 409 /problems/in-use for deleting a record others still refer to, naming each of them:
// "calendar 4 is in use by plan 2, user 9 and rule 3; change or delete them first".
inline Error InUse(std::string_view what, std::int64_t id, const std::vector<Reference>& references) {
  std::string message = std::string(what) + " " + std::to_string(id) + " is in use by ";
  for (std::size_t i = 0; i < references.size(); ++i) {
    if (i > 0) message += i + 1 == references.size() ? " and " : ", ";
    message += references[i].kind + " " + std::to_string(references[i].id);
  }
  message += "; change or delete them first";
  return Error::Conflict(std::move(message), "in-use");
}

}  // namespace tierdesk
