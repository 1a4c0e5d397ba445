// core::CheckPassword, rule by rule, and the compiled-in list.
#include <gtest/gtest.h>

#include "core/user/password.hpp"

namespace tierdesk::core {
namespace {

// The rule a password breaks (the field message), or "ok".
std::string Verdict(std::string_view password, std::string_view email = "pat@alpha.example") {
  const auto checked = CheckPassword(password, email);
  if (checked) return "ok";
  EXPECT_EQ(checked.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(checked.error().fields.at(0).field, "password");
  EXPECT_EQ(checked.error().message.find(password), std::string::npos) << "never repeats the password";
  return checked.error().fields.at(0).message;
}

TEST(Password, TheListIsCompiledInAndComparedInLowerCase) {
  EXPECT_TRUE(IsCommonPassword("password"));
  EXPECT_TRUE(IsCommonPassword("qwertyuiop"));
  EXPECT_TRUE(IsCommonPassword("1q2w3e4r5t6y"));
  EXPECT_FALSE(IsCommonPassword("# the most common passwords")) << "comments are skipped";
  EXPECT_FALSE(IsCommonPassword(""));
  EXPECT_NE(Verdict("QwertyUiop123"), "ok");
}

TEST(Password, EachRule) {
  EXPECT_EQ(Verdict("heron-lantern-sofa-42"), "ok");
  EXPECT_EQ(Verdict("correct horse battery staple"), "ok") << "spaces inside are fine";
  EXPECT_EQ(Verdict("short-pass1"), "must be 12 to 1024 bytes long");
  EXPECT_EQ(Verdict(std::string(1025, 'k') + "x"), "must be 12 to 1024 bytes long");
  EXPECT_EQ(Verdict("bad-utf8-\xff\xfe-here"), "must be UTF-8 text");
  using namespace std::string_view_literals;
  for (const auto control : {"tab\there-and-there"sv, "line\nbreak-in-it"sv, "nul\0inside-it-too"sv,
                             "del\x7f-inside-it"sv, "c1\xc2\x85-inside-it"sv}) {
    EXPECT_EQ(Verdict(control), "must not contain control characters (tab, line breaks, ...)") << control;
  }
  EXPECT_EQ(Verdict("              "), "must not be only white space");
  EXPECT_EQ(Verdict("\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80"), "must not be only white space") << "U+3000";
  EXPECT_EQ(Verdict("\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0\xc2\xa0"), "must not be only white space") << "U+00A0";
  EXPECT_EQ(Verdict("zzzzzzzzzzzzzz"), "must not be one character repeated");
  EXPECT_EQ(Verdict("\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80\xea\xb0\x80"), "must not be one character repeated") << "가가가가";
  EXPECT_EQ(Verdict("my pat@alpha.example!"), "must not be your e-mail address or its name part");
  EXPECT_EQ(Verdict("PAT@ALPHA.EXAMPLE"), "must not be your e-mail address or its name part");
  EXPECT_EQ(Verdict("2024-pat-2024!!"), "must not be your e-mail address or its name part");
  EXPECT_EQ(Verdict("pat-is-my-name-ok"), "ok") << "only the name part alone, padded, is refused";
  EXPECT_EQ(Verdict("pat2024pat2024", ""), "ok") << "no address to compare with";
  const std::string common = "is one of the most common passwords; choose another";
  EXPECT_EQ(Verdict("passwordpassword"), common);
  EXPECT_EQ(Verdict("Password2024!"), common);
  EXPECT_EQ(Verdict("!!iloveyou!!2024"), common);
  EXPECT_EQ(Verdict("123456789012"), common);
  EXPECT_EQ(Verdict("Summer2026!!!"), common);
  EXPECT_EQ(Verdict("password-with-more-words"), "ok") << "a list word inside a longer phrase is fine";
}

}  // namespace
}  // namespace tierdesk::core
