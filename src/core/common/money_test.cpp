#include "core/common/money.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace tierdesk::core {
namespace {

TEST(FormatMoney, NegativeAmountsCarryOneSignBeforeTheWholeUnits) {
  EXPECT_EQ(FormatMoney(-150, "USD"), "USD -1.50");  // was "USD -1.-50"
  EXPECT_EQ(FormatMoney(-5, "USD"), "USD -0.05");    // less than one unit: the sign is not lost
  EXPECT_EQ(FormatMoney(-99, "EUR"), "EUR -0.99");
  EXPECT_EQ(FormatMoney(-150000, "KRW"), "KRW -150,000");
  EXPECT_EQ(FormatMoney(-1234567, "KWD"), "KWD -1,234.567");
}

TEST(FormatMoney, ZeroHasNoSignAndEveryMinorDigit) {
  EXPECT_EQ(FormatMoney(0, "USD"), "USD 0.00");
  EXPECT_EQ(FormatMoney(0, "KRW"), "KRW 0");
  EXPECT_EQ(FormatMoney(0, "BHD"), "BHD 0.000");
}

TEST(FormatMoney, CurrenciesWithZeroTwoAndThreeMinorDigits) {
  // | currency | minor units | 1234567 minor units |
  // | JPY      | 0           | 1,234,567           |
  // | USD      | 2           | 12,345.67           |
  // | KWD      | 3           | 1,234.567           |
  EXPECT_EQ(FormatMoney(1234567, "JPY"), "JPY 1,234,567");
  EXPECT_EQ(FormatMoney(1234567, "USD"), "USD 12,345.67");
  EXPECT_EQ(FormatMoney(1234567, "KWD"), "KWD 1,234.567");
  EXPECT_EQ(FormatMoney(7, "USD"), "USD 0.07");
  EXPECT_EQ(FormatMoney(7, "OMR"), "OMR 0.007");
  EXPECT_EQ(FormatMoney(100, "EUR"), "EUR 1.00");
  EXPECT_EQ(FormatMoney(999, "KRW"), "KRW 999");
  EXPECT_EQ(FormatMoney(1000, "KRW"), "KRW 1,000");
  EXPECT_EQ(MinorUnits("KRW"), 0);
  EXPECT_EQ(MinorUnits("USD"), 2);
  EXPECT_EQ(MinorUnits("TND"), 3);
}

TEST(FormatMoney, LargeValuesFormatExactlyToTheLimits) {
  EXPECT_EQ(FormatMoney(123456789012345678, "USD"), "USD 1,234,567,890,123,456.78");
  EXPECT_EQ(FormatMoney(std::numeric_limits<std::int64_t>::max(), "USD"), "USD 92,233,720,368,547,758.07");
  EXPECT_EQ(FormatMoney(std::numeric_limits<std::int64_t>::min(), "USD"), "USD -92,233,720,368,547,758.08");
  EXPECT_EQ(FormatMoney(std::numeric_limits<std::int64_t>::min(), "KRW"), "KRW -9,223,372,036,854,775,808");
}

TEST(FormatMoney, WithoutACurrencyTheNumberAlone) { EXPECT_EQ(FormatMoney(-150, ""), "-1.50"); }

}  // namespace
}  // namespace tierdesk::core
