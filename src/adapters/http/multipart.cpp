#include "adapters/http/multipart.hpp"

#include "core/common/text.hpp"

namespace tierdesk::adapters::http {
namespace {

Error Malformed(std::string why) {
  return Error{ErrorCode::kInvalidArgument, "the multipart body is malformed: " + std::move(why), {}, {},
               "malformed-multipart"};
}

// Value of a parameter such as boundary=... or name="..." in a header value.
std::string Parameter(std::string_view header, std::string_view name) {
  std::size_t position = 0;
  while (true) {
    position = header.find(';', position);
    if (position == std::string_view::npos) return {};
    ++position;
    auto rest = TrimAscii(header.substr(position));
    if (rest.size() > name.size() && ToLowerAscii(rest.substr(0, name.size())) == name &&
        rest[name.size()] == '=') {
      rest.remove_prefix(name.size() + 1);
      if (!rest.empty() && rest.front() == '"') {
        std::string value;
        for (std::size_t i = 1; i < rest.size(); ++i) {
          if (rest[i] == '\\' && i + 1 < rest.size()) {
            value += rest[++i];
          } else if (rest[i] == '"') {
            return value;
          } else {
            value += rest[i];
          }
        }
        return value;
      }
      return std::string(TrimAscii(rest.substr(0, rest.find(';'))));
    }
  }
}

}  // namespace

Result<std::vector<FormPart>> ParseMultipart(const std::string& content_type, std::string_view body) {
  const std::string boundary = Parameter(content_type, "boundary");
  if (boundary.empty() || boundary.size() > 200) return Fail(Malformed("no boundary"));
  const std::string delimiter = "--" + boundary;
  std::vector<FormPart> parts;
  auto position = body.find(delimiter);
  if (position == std::string_view::npos) return Fail(Malformed("the boundary never appears"));
  position += delimiter.size();
  while (true) {
    if (body.substr(position, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(position, 2) != "\r\n") return Fail(Malformed("a delimiter is not followed by CRLF"));
    position += 2;
    const auto headers_end = body.find("\r\n\r\n", position);
    if (headers_end == std::string_view::npos) return Fail(Malformed("a part has no header end"));
    FormPart part;
    std::string_view headers = body.substr(position, headers_end - position);
    while (!headers.empty()) {
      auto line_end = headers.find("\r\n");
      const auto line = headers.substr(0, line_end);
      headers = line_end == std::string_view::npos ? std::string_view() : headers.substr(line_end + 2);
      const auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      const auto name = ToLowerAscii(TrimAscii(line.substr(0, colon)));
      const auto value = TrimAscii(line.substr(colon + 1));
      if (name == "content-disposition") {
        part.name = Parameter(value, "name");
        part.filename = Parameter(value, "filename");
      } else if (name == "content-type") {
        part.content_type = std::string(value);
      }
    }
    const auto content_start = headers_end + 4;
    const auto next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string_view::npos) return Fail(Malformed("a part is not terminated"));
    part.body = body.substr(content_start, next - content_start);
    parts.push_back(std::move(part));
    if (parts.size() > 20) return Fail(Malformed("more than 20 parts"));
    position = next + 2 + delimiter.size();
  }
}

}  // namespace tierdesk::adapters::http
