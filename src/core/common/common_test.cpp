#include <gtest/gtest.h>

#include "core/common/text.hpp"
#include "core/common/time.hpp"

namespace tierdesk {
namespace {

TEST(Utf8, AcceptsWellFormedAndRejectsMalformed) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("\xED\x95\x9C\xEA\xB8\x80"));          // 한글
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));                  // emoji
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));                         // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));                     // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));                 // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));                         // truncated
  EXPECT_FALSE(IsValidUtf8("\x80"));                             // lone continuation
  EXPECT_EQ(CodePointCount("\xED\x95\x9C\xEA\xB8\x80x"), 3u);
}

TEST(ControlCharacters, NewlinesOnlyWhereAllowed) {
  EXPECT_TRUE(HasNoControlCharacters("a\tb", AllowNewlines::kNo));
  EXPECT_FALSE(HasNoControlCharacters("a\nb", AllowNewlines::kNo));
  EXPECT_TRUE(HasNoControlCharacters("a\r\nb", AllowNewlines::kYes));
  EXPECT_FALSE(HasNoControlCharacters(std::string("a\0b", 3), AllowNewlines::kYes));
  EXPECT_FALSE(HasNoControlCharacters("\xC2\x85", AllowNewlines::kYes));  // NEL, a C1 control
}

TEST(Lists, JoinAndSplitAreInverses) {
  EXPECT_EQ(Join({}, ','), "");
  EXPECT_EQ(Join({"billing"}, ','), "billing");
  EXPECT_EQ(Join({"billing", "", "technical"}, ','), "billing,,technical");
  const auto parts = Split("billing,,technical", ',');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], "billing");
  EXPECT_EQ(parts[1], "");
  EXPECT_EQ(parts[2], "technical");
  EXPECT_EQ(Split("", ',').size(), 1u) << "one empty part";
}

TEST(Addresses, EmailsDomainsGuids) {
  EXPECT_TRUE(LooksLikeEmail("user@seoul-logistics.example"));
  EXPECT_FALSE(LooksLikeEmail("user@localhost"));
  EXPECT_FALSE(LooksLikeEmail("a@b@c.example"));
  EXPECT_FALSE(LooksLikeEmail("<x>@y.example"));
  EXPECT_TRUE(IsDomainName("contoso.onmicrosoft.com"));
  EXPECT_FALSE(IsDomainName("-bad.example"));
  EXPECT_FALSE(IsDomainName("bad-.example"));
  EXPECT_TRUE(IsGuid("6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"));
  EXPECT_FALSE(IsGuid("6e8f0a4b5c7d4e9f9a2b3d4e5f607182"));
}

TEST(Timestamps, FormatAndParseRoundTrip) {
  const auto t = FromUnixMillis(1795924751123);
  EXPECT_EQ(FormatTimestamp(t), "2026-11-29T03:59:11.123Z");
  EXPECT_EQ(FormatTimestamp(FromUnixMillis(0)), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatTimestamp(FromUnixMillis(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(FromUnixMillis(253402300799999)), "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatTimestamp(FromUnixMillis(951782400005)), "2000-02-29T00:00:00.005Z");
  EXPECT_EQ(ParseTimestamp("2026-11-29T03:59:11.123Z"), t);
  EXPECT_EQ(ParseTimestamp("2026-11-29T12:59:11.123+09:00"), t);
  EXPECT_EQ(ParseTimestamp("2026-11-29T03:59:11Z"), FromUnixMillis(1795924751000));
  EXPECT_FALSE(ParseTimestamp("2026-11-28"));
  EXPECT_FALSE(ParseTimestamp("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseTimestamp("2026-11-28T00:39:11"));
  EXPECT_FALSE(ParseTimestamp("2026-11-28T00:39:11Zjunk"));
}

}  // namespace
}  // namespace tierdesk

namespace tierdesk {
namespace {

TEST(Text, HtmlEscapeMakesTextSafeInElementsAndAttributes) {
  EXPECT_EQ(HtmlEscape(R"(<a href="x">Tom & Jerry's</a>)"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(HtmlEscape("지원 청구서"), "지원 청구서");
  EXPECT_EQ(HtmlEscape(""), "");
}

}  // namespace
}  // namespace tierdesk
