// core/common/enum_names.hpp
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace tierdesk {

// A fixed table of (enumerator, wire name) pairs; one per enum, used both ways.
template <class E, std::size_t N>
struct EnumNames {
  std::array<std::pair<E, std::string_view>, N> entries;

  constexpr std::string_view Name(E value) const {
    for (const auto& [e, name] : entries) {
      if (e == value) return name;
    }
    return "unknown";
  }
  constexpr std::optional<E> Parse(std::string_view name) const {
    for (const auto& [e, n] : entries) {
      if (n == name) return e;
    }
    return std::nullopt;
  }
};

}  // namespace tierdesk
