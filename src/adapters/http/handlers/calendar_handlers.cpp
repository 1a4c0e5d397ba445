#include <boost/json.hpp>

#include <charconv>
#include <cstdio>

#include "adapters/http/handlers/common.hpp"
#include "app/calendar/calendar.hpp"

namespace tierdesk::adapters::http::handlers {

namespace json = boost::json;

namespace {

constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

// "HH:MM" or "HH:MM:SS" → seconds after midnight; "24:00" → 86400 where allowed.
std::optional<int> ParseClock(std::string_view text, bool allow_24) {
  int h = 0, m = 0, s = 0;
  auto number = [&text](int& out) {
    if (text.size() < 2) return false;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + 2, out);
    text.remove_prefix(2);
    return ec == std::errc() && end == text.data();
  };
  if (!number(h) || text.empty() || text.front() != ':') return std::nullopt;
  text.remove_prefix(1);
  if (!number(m)) return std::nullopt;
  if (!text.empty()) {
    if (text.front() != ':') return std::nullopt;
    text.remove_prefix(1);
    if (!number(s) || !text.empty()) return std::nullopt;
  }
  if (h == 24 && m == 0 && s == 0 && allow_24) return 86400;
  if (h > 23 || m > 59 || s > 59) return std::nullopt;
  return h * 3600 + m * 60 + s;
}

std::string FormatClock(int seconds) {
  char buffer[16];
  if (seconds % 60 == 0) {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", seconds / 3600, seconds / 60 % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
  return buffer;
}

// Reads {name, time_zone, always_open?, intervals, holidays?} strictly.
Result<app::calendar::CalendarInput> ReadCalendar(const json::object& body) {
  ObjectReader reader(body);
  app::calendar::CalendarInput input;
  input.name = reader.String("name", true).value_or("");
  input.spec.time_zone = reader.String("time_zone", true).value_or("");
  input.spec.always_open = reader.Bool("always_open").value_or(false);
  reader.StringArray("intervals");  // registers the keys; the arrays are read below
  reader.StringArray("holidays");
  std::vector<FieldError> errors;
  Status finished = reader.Finish();
  if (!finished) {
    for (auto& e : finished.error().fields) {
      if (e.field != "intervals" && e.field != "holidays") errors.push_back(e);
    }
  }
  auto each = [&](const char* key, auto&& read_one) {
    const auto* value = body.if_contains(key);
    if (value == nullptr || value->is_null()) return;
    if (!value->is_array()) {
      errors.push_back({key, "must be an array"});
      return;
    }
    for (std::size_t i = 0; i < value->as_array().size(); ++i) {
      const auto& item = value->as_array()[i];
      const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
      if (!item.is_object()) {
        errors.push_back({field, "must be an object"});
        continue;
      }
      read_one(item.as_object(), field);
    }
  };
  auto text_of = [](const json::object& o, const char* key) -> std::string {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  each("intervals", [&](const json::object& item, const std::string& field) {
    {
      core::CalendarSpec::Interval interval;
      const std::string day = text_of(item, "day");
      int weekday = -1;
      for (int d = 0; d < 7; ++d) {
        if (day == kDays[d]) weekday = d;
      }
      const auto start = ParseClock(text_of(item, "start"), false);
      const auto end = ParseClock(text_of(item, "end"), true);
      if (weekday < 0) errors.push_back({field + ".day", "must be mon, tue, wed, thu, fri, sat or sun"});
      if (!start) errors.push_back({field + ".start", "must be a time such as 09:00"});
      if (!end) errors.push_back({field + ".end", "must be a time such as 18:00 (24:00 for midnight)"});
      for (const auto& [k, v] : item) {
        if (k != "day" && k != "start" && k != "end") errors.push_back({field + "." + std::string(k), "is not a known field"});
      }
      if (weekday >= 0 && start && end) {
        interval.weekday = weekday;
        interval.start = *start;
        interval.end = *end == 86400 ? 0 : *end;  // until midnight
        input.spec.intervals.push_back(interval);
      }
    }
  });
  each("holidays", [&](const json::object& item, const std::string& field) {
    core::CalendarSpec::Holiday holiday;
    const std::string date = text_of(item, "date");
    int y = 0, m = 0, d = 0;
    bool ok = false;
    if (date.size() == 10 && date[4] == '-' && date[7] == '-') {
      ok = std::sscanf(date.c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3;
    } else if (date.size() == 5 && date[2] == '-') {
      ok = std::sscanf(date.c_str(), "%2d-%2d", &m, &d) == 2;  // MM-DD: every year
    }
    if (!ok || !core::IsValidCivilDate(y == 0 ? 2000 : y, m, d)) {
      errors.push_back({field + ".date", "must be YYYY-MM-DD, or MM-DD for every year"});
    }
    holiday.year = y;
    holiday.month = m;
    holiday.day = d;
    holiday.name = text_of(item, "name");
    const std::string start_text = text_of(item, "start"), end_text = text_of(item, "end");
    const auto start = start_text.empty() ? std::optional<int>(0) : ParseClock(start_text, false);
    const auto end = end_text.empty() ? std::optional<int>(86400) : ParseClock(end_text, true);
    if (!start || !end) errors.push_back({field, "start and end are times such as 13:00 (end 24:00 at the latest)"});
    for (const auto& [k, v] : item) {
      if (k != "date" && k != "name" && k != "start" && k != "end") {
        errors.push_back({field + "." + std::string(k), "is not a known field"});
      }
    }
    if (ok && start && end) {
      holiday.start = *start;
      holiday.end = *end;
      input.spec.holidays.push_back(holiday);
    }
  });
  if (!errors.empty()) return Fail(Error::InvalidArgument("the calendar is not valid", std::move(errors)));
  return input;
}

json::value ToJson(const core::Calendar& calendar) {
  json::array intervals;
  for (const auto& i : calendar.spec.intervals) {
    intervals.push_back(json::object{{"day", kDays[i.weekday]}, {"start", FormatClock(i.start)}, {"end", FormatClock(i.end)}});
  }
  json::array holidays;
  for (const auto& h : calendar.spec.holidays) {
    char date[16];
    if (h.year == 0) {
      std::snprintf(date, sizeof date, "%02d-%02d", h.month, h.day);
    } else {
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", h.year, h.month, h.day);
    }
    holidays.push_back(json::object{{"date", date},
                                    {"yearly", h.year == 0},
                                    {"name", h.name},
                                    {"start", FormatClock(h.start)},
                                    {"end", h.end == 86400 ? "24:00" : FormatClock(h.end)}});
  }
  return json::object{{"id", calendar.id.value},
                      {"name", calendar.name},
                      {"time_zone", calendar.spec.time_zone},
                      {"always_open", calendar.spec.always_open},
                      {"intervals", std::move(intervals)},
                      {"holidays", std::move(holidays)},
                      {"version", calendar.version},
                      {"created_at", FormatTimestamp(calendar.created_at)},
                      {"updated_at", FormatTimestamp(calendar.updated_at)}};
}

Response CalendarResponse(int status, const core::Calendar& calendar) {
  Response response = JsonResponse(status, ToJson(calendar));
  response.SetHeader("ETag", "\"v" + std::to_string(calendar.version) + "\"");
  return response;
}

Result<Timestamp> TimeParameter(const Request& request, const char* name) {
  const auto text = request.Query(name);
  auto parsed = text ? ParseTimestamp(*text) : std::nullopt;
  if (!parsed) {
    return Fail(BadParameter(name, "must be an RFC 3339 time such as 2026-11-27T19:30:00+09:00"));
  }
  return *parsed;
}

}  // namespace


void RegisterCalendarRoutes(Router& router, ApiServices& services) {
  router.Add("POST", "/api/v1/calendars", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      auto input = TD_TRY(ReadCalendar(TD_TRY(JsonBody(call.request))));
      auto calendar = TD_TRY(app::calendar::CreateCalendar(services.app, call.actor, std::move(input)));
      Response response = CalendarResponse(201, calendar);
      response.SetHeader("Location", "/api/v1/calendars/" + std::to_string(calendar.id.value));
      return response;
    });
  });
  router.Add("GET", "/api/v1/calendars", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      json::array items;
      for (const auto& c : TD_TRY(app::calendar::ListCalendars(services.app, call.actor))) items.push_back(ToJson(c));
      return JsonResponse(200, json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
    });
  });
  router.Add("GET", "/api/v1/calendars/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CalendarId id{TD_TRY(PathId(call, 0, "calendar"))};
      return CalendarResponse(200, TD_TRY(app::calendar::GetCalendar(services.app, call.actor, id)));
    });
  });
  router.Add("PUT", "/api/v1/calendars/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CalendarId id{TD_TRY(PathId(call, 0, "calendar"))};
      auto input = TD_TRY(ReadCalendar(TD_TRY(JsonBody(call.request))));
      auto calendar = TD_TRY(app::calendar::ReplaceCalendar(services.app, call.actor, id, std::move(input),
                                                            ReadIfMatchVersion(call.request)));
      return CalendarResponse(200, calendar);
    });
  });
  router.Add("DELETE", "/api/v1/calendars/{id}", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CalendarId id{TD_TRY(PathId(call, 0, "calendar"))};
      TD_CHECK(app::calendar::DeleteCalendar(services.app, call.actor, id));
      return NoContent();
    });
  });
  router.Add("GET", "/api/v1/calendars/{id}/next-open", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CalendarId id{TD_TRY(PathId(call, 0, "calendar"))};
      const auto at = TD_TRY(TimeParameter(call.request, "at"));
      const auto next = TD_TRY(app::calendar::NextOpen(services.app, call.actor, id, at));
      return JsonResponse(200, json::object{{"at", FormatTimestamp(at)}, {"next_open", FormatTimestamp(next)}});
    });
  });
  router.Add("GET", "/api/v1/calendars/{id}/add", Auth::kRequired, [&services](Call& call) {
    return Guard(call, [&]() -> Result<Response> {
      const CalendarId id{TD_TRY(PathId(call, 0, "calendar"))};
      const auto start = TD_TRY(TimeParameter(call.request, "start"));
      const auto minutes_text = call.request.Query("minutes").value_or("");
      std::int64_t minutes = -1;
      const auto [end, ec] = std::from_chars(minutes_text.data(), minutes_text.data() + minutes_text.size(), minutes);
      if (ec != std::errc() || end != minutes_text.data() + minutes_text.size() || minutes < 0 || minutes > 10'000'000) {
        return Fail(BadParameter("minutes", "must be a whole number of business minutes, 0 to 10000000"));
      }
      const auto due = TD_TRY(app::calendar::AddBusinessTime(services.app, call.actor, id, start,
                                                             std::chrono::minutes(minutes)));
      return JsonResponse(200, json::object{{"start", FormatTimestamp(start)}, {"minutes", minutes}, {"result", FormatTimestamp(due)}});
    });
  });
}

}  // namespace tierdesk::adapters::http::handlers
