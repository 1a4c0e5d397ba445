// core/offering/target.hpp
#pragma once

#include <cstdint>

namespace tierdesk::core {

// A response or resolution target. Zero minutes: the plan sets none.
struct Target {
  enum class Basis { kBusiness, kCalendar };  // business: counted in the plan's service hours
  std::int64_t minutes = 0;
  Basis basis = Basis::kBusiness;
  bool operator==(const Target&) const = default;
};

struct SeverityTargets {
  Target first_response;
  Target next_response;
  Target resolution;
};

}  // namespace tierdesk::core
