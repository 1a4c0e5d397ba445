// core/ticket/filename.hpp
#pragma once

#include <string>
#include <string_view>

namespace tierdesk::core {

// Makes an uploaded file name safe to store and to send back in Content-Disposition: keeps the
// last path component, drops control characters, quotes, and the characters / \ : * ? < > |,
// strips leading dots and spaces, caps the length at 200 bytes on a UTF-8 boundary, and falls
// back to "attachment" when nothing is left. Invalid UTF-8 is replaced with '_'.
std::string SanitizeFilename(std::string_view name);

}  // namespace tierdesk::core
