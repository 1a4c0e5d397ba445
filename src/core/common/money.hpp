// core/common/money.hpp
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tierdesk::core {

// ISO 4217 minor units: 0 for KRW, JPY and the other whole-unit currencies, 3 for BHD, IQD, JOD,
// KWD, LYD, OMR and TND, 2 for every other code.
int MinorUnits(std::string_view currency);

// Money for people, the one formatter every statement, export and text uses: the currency code,
// a space, the sign, the whole units grouped by thousands with commas and the minor units after
// a point. -150 USD is "USD -1.50", 0 KRW "KRW 0", 1234567 KWD "KWD 1,234.567". Every int64
// amount formats exactly (no floating point). An empty currency prints the number alone, with
// two decimals.
std::string FormatMoney(std::int64_t minor, std::string_view currency);

// The most any rate, fee, block price or quote a user sets may be, in minor units (10^12: ten
// billion dollars). Validators refuse more (422 naming the field). With the other bounds (minutes
// per entry, after-hours percentage, days in a month) the products below stay far inside int64;
// the arithmetic is still done wide so that no input at all can overflow.
inline constexpr std::int64_t kMaxMoneyAmount = 1'000'000'000'000;

// a + b, a × b and a × b × c saturated to the int64 range instead of overflowing (undefined
// behaviour). Unreachable with validated inputs; a saturated amount is wrong but never UB.
std::int64_t SaturatingAdd(std::int64_t a, std::int64_t b);
std::int64_t SaturatingMultiply(std::int64_t a, std::int64_t b);
// (a × b + divisor / 2) / divisor, which is round(a × b / divisor) half up for non-negative
// products, computed in 128 bits and saturated; divisor > 0.
std::int64_t MultiplyDivideRounded(std::int64_t a, std::int64_t b, std::int64_t divisor);
// The same for a × b × c.
std::int64_t MultiplyDivideRounded(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t divisor);

}  // namespace tierdesk::core
