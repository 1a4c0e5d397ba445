// core/user/password.hpp
#pragma once

#include <string_view>

#include "core/common/result.hpp"

namespace tierdesk::core {

// The one password policy, applied wherever a password is set (a new user, the first admin, the
// demo). A password is refused when it:
//   - is shorter than 12 or longer than 1024 bytes, or is not UTF-8;
//   - holds a control character (C0 including tab, DEL, C1);
//   - is only white space (ASCII or Unicode spaces), or one character repeated;
//   - contains the user's e-mail address, or is its local part (before '@') with only digits,
//     punctuation or spaces around it;
//   - is one of the common passwords in core/user/common_passwords.txt, compared in lower case,
//     alone or with only digits, punctuation or spaces around it ("Password2024!" is refused).
// `email` may be empty (no address to compare with). kInvalidArgument names the field "password"
// and says which rule was broken; the message never repeats the password.
Status CheckPassword(std::string_view password, std::string_view email);

// True if the lower-cased text is on the common-password list (exposed for tests).
bool IsCommonPassword(std::string_view lower_case_text);

}  // namespace tierdesk::core
