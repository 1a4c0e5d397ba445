#include "core/common/money.hpp"

#include <algorithm>
#include <iterator>
#include <limits>

namespace tierdesk::core {
namespace {

__extension__ typedef __int128 Wide;
__extension__ typedef unsigned __int128 UnsignedWide;
constexpr Wide kWideMax = static_cast<Wide>(~UnsignedWide{0} >> 1);

std::int64_t Saturate(Wide value) {
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  return value < kMin ? kMin : value > kMax ? kMax : static_cast<std::int64_t>(value);
}

}  // namespace

std::int64_t SaturatingAdd(std::int64_t a, std::int64_t b) { return Saturate(Wide{a} + b); }

std::int64_t SaturatingMultiply(std::int64_t a, std::int64_t b) { return Saturate(Wide{a} * b); }

std::int64_t MultiplyDivideRounded(std::int64_t a, std::int64_t b, std::int64_t divisor) {
  return MultiplyDivideRounded(a, b, 1, divisor);
}

std::int64_t MultiplyDivideRounded(std::int64_t a, std::int64_t b, std::int64_t c, std::int64_t divisor) {
  // |a × b| < 2^126; only the third factor can overflow 128 bits, and then the result saturates.
  Wide product = 0;
  if (__builtin_mul_overflow(Wide{a} * b, Wide{c}, &product)) {
    const bool negative = ((a < 0) != (b < 0)) != (c < 0);
    return negative ? std::numeric_limits<std::int64_t>::min() : std::numeric_limits<std::int64_t>::max();
  }
  const Wide half = divisor / 2;
  if (product > kWideMax - half) return std::numeric_limits<std::int64_t>::max();
  return Saturate((product + half) / divisor);
}

int MinorUnits(std::string_view currency) {
  // The whole-unit currencies a CSP partner meets, and the three-decimal ones.
  static constexpr std::string_view kZero[] = {"KRW", "JPY", "VND", "CLP", "ISK", "HUF", "TWD", "UGX", "XOF", "XAF"};
  static constexpr std::string_view kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  if (std::find(std::begin(kZero), std::end(kZero), currency) != std::end(kZero)) return 0;
  if (std::find(std::begin(kThree), std::end(kThree), currency) != std::end(kThree)) return 3;
  return 2;
}

std::string FormatMoney(std::int64_t minor, std::string_view currency) {
  const int digits = currency.empty() ? 2 : MinorUnits(currency);
  std::uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  // The magnitude as unsigned, so the most negative amount has one too.
  const bool negative = minor < 0;
  const std::uint64_t magnitude =
      negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1 : static_cast<std::uint64_t>(minor);
  const std::string whole = std::to_string(magnitude / scale);
  std::string out(currency);
  if (!out.empty()) out.push_back(' ');
  if (negative) out.push_back('-');
  for (std::size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(whole[i]);
  }
  if (digits > 0) {
    const std::string fraction = std::to_string(magnitude % scale);
    out.push_back('.');
    out.append(static_cast<std::size_t>(digits) - fraction.size(), '0');
    out.append(fraction);
  }
  return out;
}

}  // namespace tierdesk::core
