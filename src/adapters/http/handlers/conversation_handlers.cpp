#include <boost/json.hpp>

#include <charconv>

#include "adapters/http/handlers/common.hpp"
#include "adapters/http/multipart.hpp"
#include "app/ticket/ticket.hpp"
#include "core/common/text.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;


namespace {

template <class T>
json::value ItemsJson(const std::vector<T>& items) {
  json::array array;
  for (const auto& item : items) array.push_back(ToJson(item));
  return json::object{{"items", std::move(array)}, {"next_cursor", nullptr}};
}

// RFC 6266: an ASCII fallback in quotes and the exact UTF-8 name in filename*.
std::string ContentDisposition(const std::string& filename) {
  std::string ascii;
  std::string encoded;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : filename) {
    const auto byte = static_cast<unsigned char>(c);
    ascii += (byte >= 0x20 && byte < 0x7F && c != '"' && c != '\\') ? c : '_';
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      encoded += c;
    } else {
      encoded += '%';
      encoded += kHex[byte >> 4];
      encoded += kHex[byte & 0xF];
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Result<app::ticket::Visibility> ParseVisibility(std::string_view text) {
  if (text.empty() || text == "public") return app::ticket::Visibility::kPublic;
  if (text == "internal") return app::ticket::Visibility::kInternal;
  return Fail(Error::InvalidArgument("visibility is public or internal",
                                     {{"visibility", "must be public or internal"}}));
}

// An upload is multipart/form-data (a "file" part, optional "visibility" part) or the raw bytes
// with ?filename= and the Content-Type of the file.
Result<app::ticket::NewAttachment> ReadUpload(const Request& request) {
  app::ticket::NewAttachment upload;
  const std::string content_type = ToLowerAscii(request.Header("content-type").value_or(""));
  if (content_type.rfind("multipart/form-data", 0) == 0) {
    const auto parts = TD_TRY(ParseMultipart(std::string(request.Header("content-type").value_or("")),
                                             request.Body()));
    bool have_file = false;
    for (const auto& part : parts) {
      if (part.name == "file" && !have_file) {
        upload.filename = part.filename;
        upload.content_type = part.content_type;
        upload.bytes = part.body;
        have_file = true;
      } else if (part.name == "visibility") {
        upload.visibility = TD_TRY(ParseVisibility(part.body));
      }
    }
    if (!have_file) {
      return Fail(Error::InvalidArgument("the upload has no file", {{"file", "is required"}}));
    }
    return upload;
  }
  if (content_type.empty() || content_type.rfind("application/json", 0) == 0) {
    return Fail(Error{ErrorCode::kInvalidArgument,
                      "upload as multipart/form-data, or as the raw file with ?filename=", {}, {},
                      "unsupported-media-type"});
  }
  upload.filename = std::string(request.Query("filename").value_or("attachment"));
  upload.content_type = std::string(request.Header("content-type").value_or(""));
  upload.bytes = request.Body();
  upload.visibility = TD_TRY(ParseVisibility(request.Query("visibility").value_or("public")));
  return upload;
}

}  // namespace

void RegisterConversationRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/tickets/{id}/messages", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      auto body = TD_TRY(JsonBody(call.request));
      const auto idempotency = TD_TRY(ReadIdempotency(call.request));
      ObjectReader reader(body);
      app::ticket::NewMessage input;
      input.body = reader.String("body", true).value_or("");
      const auto visibility = reader.String("visibility").value_or("public");
      input.shared_with_provider = reader.Bool("shared_with_provider").value_or(false);
      TD_CHECK(reader.Finish());
      input.visibility = TD_TRY(ParseVisibility(visibility));
      auto created = TD_TRY(app::ticket::AddMessage(services.app, call.actor, id, std::move(input), idempotency));
      Response response = JsonResponse(201, ToJson(created.message));
      response.SetHeader("Location", "/api/v1/tickets/" + std::to_string(id.value) + "/messages");
      if (created.replayed) response.SetHeader("Idempotent-Replayed", "true");
      return response;
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/messages", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      return JsonResponse(200, ItemsJson(TD_TRY(app::ticket::ListMessages(services.app, call.actor, id))));
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/events", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      return JsonResponse(200, ItemsJson(TD_TRY(app::ticket::ListEvents(services.app, call.actor, id))));
    });
  });

  router.Add("GET", "/api/v1/audit-events", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      std::int64_t after = 0;
      int limit = 200;
      for (const auto& [name, value] : call.request.query) {
        std::int64_t number = 0;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
        const bool ok = ec == std::errc() && end == value.data() + value.size();
        if (name == "after" && ok && number >= 0) {
          after = number;
        } else if (name == "limit" && ok && number >= 1 && number <= 1000) {
          limit = static_cast<int>(number);
        } else {
          return Fail(BadParameter(name, name == "limit" ? "must be 1 to 1000" : name == "after" ? "must be an event id" : "is not a known parameter"));
        }
      }
      auto events = TD_TRY(app::ticket::ListAuditEvents(services.app, call.actor, after, limit));
      json::array items;
      for (const auto& event : events) {
        json::value item = ToJson(event);
        item.as_object()["client_address"] = event.client_address;  // sign-ins; the audit log only
        items.push_back(std::move(item));
      }
      json::value next = events.size() == static_cast<std::size_t>(limit)
                             ? json::value(std::to_string(events.back().id)) : json::value(nullptr);
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}});
    });
  });

  router.Add("POST", "/api/v1/tickets/{id}/attachments", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      auto upload = TD_TRY(ReadUpload(call.request));
      auto attachment = TD_TRY(app::ticket::AddAttachment(services.app, call.actor, id, std::move(upload)));
      Response response = JsonResponse(201, ToJson(attachment, id));
      response.SetHeader("Location", "/api/v1/tickets/" + std::to_string(id.value) + "/attachments/" +
                                         std::to_string(attachment.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/attachments", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
      json::array array;
      for (const auto& a : TD_TRY(app::ticket::ListAttachments(services.app, call.actor, id))) {
        array.push_back(ToJson(a, id));
      }
      return JsonResponse(200, json::object{{"items", std::move(array)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("GET", "/api/v1/tickets/{id}/attachments/{attachment_id}", Auth::kRequired,
             [&services](Call& call) {
               return Guard(call, [&]() -> Result<Response> {
                 const TicketId id{TD_TRY(PathId(call, 0, "ticket"))};
                 const AttachmentId attachment_id{TD_TRY(PathId(call, 1, "attachment"))};
                 auto content = TD_TRY(app::ticket::GetAttachment(services.app, call.actor, id, attachment_id));
                 Response response;
                 response.status = 200;
                 response.content_type = content.attachment.content_type;
                 response.body = std::move(content.bytes);
                 response.SetHeader("Content-Disposition", ContentDisposition(content.attachment.filename));
                 response.SetHeader("X-Content-Type-Options", "nosniff");
                 response.SetHeader("Content-Security-Policy", "sandbox");
                 return response;
               });
             });
}

}  // namespace tierdesk::adapters::http::handlers
