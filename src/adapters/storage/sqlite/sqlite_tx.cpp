#include "adapters/storage/sqlite/sqlite_tx.hpp"

#include "core/common/text.hpp"
#include "core/sla/sla.hpp"
#include "core/ticket/search.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tierdesk::adapters::sqlite {

using core::Attachment;
using core::Event;
using core::Message;
using core::Organization;
using core::Ticket;
using core::TicketScope;
using core::User;

namespace {

// Comma-separated names (categories, services, path kinds) in one column.
std::string JoinNames(const std::vector<std::string>& names) { return Join(names, ','); }

std::vector<std::string> SplitNames(std::string_view text) {
  std::vector<std::string> names;
  if (text.empty()) return names;
  for (const auto part : Split(text, ',')) names.emplace_back(part);
  return names;
}


constexpr int kSearchShift = 21;
constexpr std::int64_t kSmallScope = 20'000;  // tickets: below this a search filters by id first  // ticket id << 21 | seq << 1 | internal

// Codecs for the two small collections stored inline on a ticket row. Tags never contain a
// comma and field values never contain a line break (both validated in core/ticket).
std::vector<std::string> SplitTags(const std::string& text) {
  std::vector<std::string> tags;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) tags.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return tags;
}

std::string EncodeFields(const core::TicketFields& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    out += name;
    out += '=';
    out += value;
    out += '\n';
  }
  return out;
}

core::TicketFields DecodeFields(const std::string& text) {
  core::TicketFields fields;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const auto line = std::string_view(text).substr(start, end - start);
    const auto eq = line.find('=');
    if (eq != std::string_view::npos) {
      fields.emplace(std::string(line.substr(0, eq)), std::string(line.substr(eq + 1)));
    }
    start = end + 1;
  }
  return fields;
}

constexpr const char* kTicketColumns =
    "t.id, t.customer_id, t.requester_id, t.reseller_id, t.provider_id, t.channel, t.service, "
    "t.category, t.severity, t.subject, t.status, t.team_id, t.assignee_id, t.subscription_id, "
    "t.tags, t.fields, t.version, t.created_at, t.updated_at, t.scope, t.agreement_id, t.plan_id, "
    "t.plan_version, t.quote_currency, t.quote_hourly_rate, t.quote_increment_minutes, t.quote_minimum_minutes, "
    "t.statement_hash, t.sla, t.sla_due_at, t.sla_breached, t.sla_watch_at, t.holder, t.underpinning";

// Sorting by next due: tickets without a running clock sort last (the index has this expression).
constexpr std::int64_t kNoDue = 9223372036854775807;
constexpr const char* kNextDueKey = "COALESCE(t.sla_due_at, 9223372036854775807)";

std::optional<std::int64_t> OptionalMillis(const std::optional<Timestamp>& t) {
  if (!t) return std::nullopt;
  return ToUnixMillis(*t);
}

std::optional<Timestamp> OptionalTimestamp(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return FromUnixMillis(s.Int64(column));
}

Ticket ReadTicket(const Statement& s, int base = 0) {
  Ticket t;
  t.id = s.IdAt<TicketId>(base + 0);
  t.customer_id = s.IdAt<OrgId>(base + 1);
  t.requester_id = s.IdAt<UserId>(base + 2);
  t.reseller_id = s.IdAt<OrgId>(base + 3);
  t.provider_id = s.IdAt<OrgId>(base + 4);
  t.channel = core::ParseChannel(s.Text(base + 5)).value_or(core::Channel::kApi);
  t.service = s.Text(base + 6);
  t.category = core::ParseCategory(s.Text(base + 7)).value_or(core::Category::kTechnical);
  t.severity = core::ParseSeverity(s.Text(base + 8)).value_or(core::Severity::kModerate);
  t.subject = s.Text(base + 9);
  t.status = core::ParseTicketStatus(s.Text(base + 10)).value_or(core::TicketStatus::kNew);
  t.team_id = s.IdAt<TeamId>(base + 11);
  t.assignee_id = s.IdAt<UserId>(base + 12);
  t.subscription_id = s.IdAt<SubscriptionId>(base + 13);
  t.tags = SplitTags(s.Text(base + 14));
  t.fields = DecodeFields(s.Text(base + 15));
  t.version = s.Int64(base + 16);
  t.created_at = FromUnixMillis(s.Int64(base + 17));
  t.updated_at = FromUnixMillis(s.Int64(base + 18));
  t.scope = s.Text(base + 19);
  t.agreement_id = s.IdAt<AgreementId>(base + 20);
  t.plan_id = s.IdAt<PlanId>(base + 21);
  t.plan_version = s.Int64(base + 22);
  t.quote_currency = s.Text(base + 23);
  t.quote_hourly_rate = s.Int64(base + 24);
  t.quote_increment_minutes = static_cast<int>(s.Int64(base + 25));
  t.quote_minimum_minutes = static_cast<int>(s.Int64(base + 26));
  t.statement_hash = s.Text(base + 27);
  // A clock text that does not parse leaves the ticket without clocks rather than unreadable.
  t.sla = core::DecodeSla(s.Text(base + 28)).value_or(core::SlaClocks{});
  t.sla_due_at = OptionalTimestamp(s, base + 29);
  t.sla_breached = s.Int64(base + 30) != 0;
  t.sla_watch_at = OptionalTimestamp(s, base + 31);
  t.holder = core::ParseHolder(s.Text(base + 32)).value_or(core::Holder::kPartner);
  t.underpinning = core::DecodeSla(s.Text(base + 33)).value_or(core::SlaClocks{});
  return t;
}

// The one place a TicketScope becomes SQL. Appends " AND ..." over alias t; returns the value
// to bind, if any.
// The tickets column a narrow scope filters on; empty for the partner's whole desk.
std::string_view ScopeColumn(const TicketScope& scope) {
  switch (scope.kind) {
    case TicketScope::Kind::kAll: return {};
    case TicketScope::Kind::kCustomer: return "customer_id";
    case TicketScope::Kind::kRequester: return "requester_id";
    case TicketScope::Kind::kReseller: return "reseller_id";
    case TicketScope::Kind::kProvider: return "provider_id";
  }
  return {};
}

std::optional<std::int64_t> AppendScope(std::string& sql, const TicketScope& scope) {
  switch (scope.kind) {
    case TicketScope::Kind::kAll: return std::nullopt;
    case TicketScope::Kind::kCustomer: sql += " AND t.customer_id = ?"; return scope.org.value;
    case TicketScope::Kind::kRequester: sql += " AND t.requester_id = ?"; return scope.user.value;
    case TicketScope::Kind::kReseller: sql += " AND t.reseller_id = ?"; return scope.org.value;
    case TicketScope::Kind::kProvider: sql += " AND t.provider_id = ?"; return scope.org.value;
  }
  return std::nullopt;
}

// Which of a visible ticket's messages the scope's viewer reads, as core::MessageAccess says: a
// condition over the messages columns (prefix: "m." or ""), empty when it reads every kind. Kinds
// are listed, never excepted, so a kind this build does not know stays hidden.
std::string MessageCondition(const TicketScope& scope, std::string_view prefix) {
  std::string all;
  std::string shared;
  bool every = true;
  for (const auto kind : core::kMessageKinds) {
    const core::Access access = core::MessageAccess(scope.viewer, kind);
    every = every && access == core::Access::kAll;
    if (access == core::Access::kNone) continue;
    std::string& list = access == core::Access::kAll ? all : shared;
    list += list.empty() ? "'" : ", '";
    list += core::ToString(kind);
    list += "'";
  }
  if (every) return "";
  const std::string kind = std::string(prefix) + "kind";
  std::string sql = "(" + (all.empty() ? std::string("0") : kind + " IN (" + all + ")");
  if (!shared.empty()) sql += " OR (" + std::string(prefix) + "shared = 1 AND " + kind + " IN (" + shared + "))";
  sql += ")";
  if (scope.viewer == core::Viewer::kReseller) {
    // core::SeesResellerItem: another reseller's internal messages stay that reseller's. The org
    // id is the scope's, a number, never input text.
    std::string workers;
    for (const auto k : core::kMessageKinds) {
      if (core::MessageReach(k) != core::Reach::kWorkers) continue;
      workers += std::string(workers.empty() ? "'" : ", '") + std::string(core::ToString(k)) + "'";
    }
    if (!workers.empty()) {
      sql = "(" + sql + " AND NOT (" + kind + " IN (" + workers + ") AND EXISTS (SELECT 1 FROM organizations ro "
            "WHERE ro.id = " + std::string(prefix) + "author_org_id AND ro.kind = 'reseller' AND ro.id <> " +
            std::to_string(scope.org.value) + ")))";
    }
  }
  return sql;
}

// The reseller a user belongs to, or an organisation is, when it is one (invalid otherwise): the
// author's side of core::SeesResellerItem. Remembered for the length of one read.
class ResellerLookup {
 public:
  explicit ResellerLookup(Connection& db) : db_(db) {}
  Result<OrgId> OfUser(UserId user) {
    if (!user.valid()) return OrgId{};
    if (auto it = users_.find(user.value); it != users_.end()) return it->second;
    auto stmt = TD_TRY(db_.Prepare(
        "SELECT o.id FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = ? AND o.kind = 'reseller'"));
    stmt->BindAll(user);
    const OrgId found = TD_TRY(stmt->Step()) ? stmt->IdAt<OrgId>(0) : OrgId{};
    users_[user.value] = found;
    return found;
  }
  Result<OrgId> OfOrganization(OrgId org) {
    if (!org.valid()) return OrgId{};
    if (auto it = orgs_.find(org.value); it != orgs_.end()) return it->second;
    auto stmt = TD_TRY(db_.Prepare("SELECT id FROM organizations WHERE id = ? AND kind = 'reseller'"));
    stmt->BindAll(org);
    const OrgId found = TD_TRY(stmt->Step()) ? stmt->IdAt<OrgId>(0) : OrgId{};
    orgs_[org.value] = found;
    return found;
  }

 private:
  Connection& db_;
  std::map<std::int64_t, OrgId> users_;
  std::map<std::int64_t, OrgId> orgs_;
};

// Which full-text documents of a visible ticket count for the scope's viewer (alias s over
// ticket_search, t over tickets). A document is public or internal (the rowid's low bit) but the
// index does not know which internal kind it came from; so an internal hit counts only on a
// ticket whose every message the viewer reads. Empty: every document counts (the partner).
std::string SearchCondition(const TicketScope& scope) {
  const std::string readable = MessageCondition(scope, "m.");
  if (readable.empty()) return "";
  bool reads_internal = false;
  for (const auto kind : core::kMessageKinds) {
    reads_internal = reads_internal || (core::IsInternal(kind) && core::MessageAccess(scope.viewer, kind) != core::Access::kNone);
  }
  if (!reads_internal) return " AND (s.rowid & 1) = 0";
  return " AND ((s.rowid & 1) = 0 OR NOT EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND NOT " +
         readable + "))";
}

// The value AppendScope binds, without building SQL.
std::optional<std::int64_t> ScopeValue(const TicketScope& scope) {
  std::string ignored;
  return AppendScope(ignored, scope);
}

// A list of values to bind in order, of the two kinds our queries use.
struct Binding {
  std::variant<std::int64_t, std::string> value;
};

void BindValues(Statement& stmt, const std::vector<Binding>& values, int first = 1) {
  int index = first;
  for (const auto& binding : values) {
    if (const auto* number = std::get_if<std::int64_t>(&binding.value)) {
      stmt.Bind(index++, *number);
    } else {
      stmt.Bind(index++, std::get<std::string>(binding.value));
    }
  }
}

Organization ReadOrganization(const Statement& s) {
  Organization org;
  org.id = s.IdAt<OrgId>(0);
  org.kind = core::ParseOrgKind(s.Text(1)).value_or(core::OrgKind::kCustomer);
  org.name = s.Text(2);
  org.parent_id = s.IdAt<OrgId>(3);
  org.tenant_id = s.Text(4);
  org.country = s.Text(5);
  org.locale = s.Text(6);
  org.time_zone = s.Text(7);
  org.created_at = FromUnixMillis(s.Int64(8));
  org.version = s.Int64(9);
  org.deactivated_at = OptionalTimestamp(s, 10);
  return org;
}
constexpr const char* kOrgColumns =
    "id, kind, name, parent_id, tenant_id, country, locale, time_zone, created_at, version, deactivated_at";

User ReadUser(const Statement& s) {
  User user;
  user.id = s.IdAt<UserId>(0);
  user.organization_id = s.IdAt<OrgId>(1);
  user.email = s.Text(2);
  user.name = s.Text(3);
  user.role = core::ParseRole(s.Text(4)).value_or(core::Role::kRequester);
  user.active = s.Int64(5) != 0;
  user.created_at = FromUnixMillis(s.Int64(6));
  user.away = s.Int64(7) != 0;
  user.shift_calendar = s.IdAt<CalendarId>(8);
  return user;
}
constexpr const char* kUserColumns =
    "id, organization_id, email, name, role, active, created_at, away, shift_calendar_id, version";
// A user selected with kUserColumns (ReadUser's columns and its version).
User ReadVersionedUser(const Statement& s) {
  User user = ReadUser(s);
  user.version = s.Int64(9);
  return user;
}

// Runs an insert; a unique-constraint conflict is reported against the API's field name.
// An update by id and version touched its row, else someone else changed it first.
Status CheckUpdated(Connection& db, const char* what) {
  if (db.Changes() != 1) {
    return Fail(Error::PreconditionFailed(std::string("the ") + what + " was changed by someone else; reload it"));
  }
  return Ok();
}

Status RunInsert(Statement& stmt, const char* field, std::string message) {
  Status inserted = stmt.Run();
  if (!inserted && inserted.error().code == ErrorCode::kConflict) {
    Error error = inserted.error();
    error.message = std::move(message);
    error.fields = {{field, "is taken"}};
    return Fail(std::move(error));
  }
  return inserted;
}

}  // namespace

Status SqliteTx::LoadDomains(Organization& org) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT domain FROM organization_domains WHERE organization_id = ? ORDER BY domain"));
  stmt->BindAll(org.id);
  while (TD_TRY(stmt->Step())) org.domains.push_back(stmt->Text(0));
  return Ok();
}

Result<Organization> SqliteTx::GetOrganization(OrgId id) {
  Organization org;
  {
    auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kOrgColumns +
                                   " FROM organizations WHERE id = ?"));
    stmt->BindAll(id);
    if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("organization"));
    org = ReadOrganization(*stmt);
  }
  TD_CHECK(LoadDomains(org));
  return org;
}

Result<std::vector<Organization>> SqliteTx::ListOrganizations(const core::OrgScope& scope) {
  std::string sql = std::string("SELECT ") + kOrgColumns + " FROM organizations";
  if (scope.kind == core::OrgScope::Kind::kSelf) sql += " WHERE id = ?";
  if (scope.kind == core::OrgScope::Kind::kSelfAndChildren) sql += " WHERE id = ?1 OR parent_id = ?1";
  sql += " ORDER BY id";
  std::vector<Organization> orgs;
  {
    auto stmt = TD_TRY(db_.Prepare(sql));
    if (scope.kind != core::OrgScope::Kind::kAll) stmt->Bind(1, scope.org);
    while (TD_TRY(stmt->Step())) orgs.push_back(ReadOrganization(*stmt));
  }
  for (auto& org : orgs) TD_CHECK(LoadDomains(org));
  return orgs;
}

Result<std::optional<Organization>> SqliteTx::FindPartner() {
  Organization org;
  {
    auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kOrgColumns +
                                   " FROM organizations WHERE kind = 'partner'"));
    if (!TD_TRY(stmt->Step())) return std::optional<Organization>();
    org = ReadOrganization(*stmt);
  }
  TD_CHECK(LoadDomains(org));
  return std::optional<Organization>(std::move(org));
}

Result<std::optional<Organization>> SqliteTx::FindOrganizationByDomain(std::string_view domain) {
  OrgId id;
  {
    auto stmt = TD_TRY(
        db_.Prepare("SELECT organization_id FROM organization_domains WHERE domain = ?"));
    stmt->BindAll(domain);
    if (!TD_TRY(stmt->Step())) return std::optional<Organization>();
    id = stmt->IdAt<OrgId>(0);
  }
  return std::optional<Organization>(TD_TRY(GetOrganization(id)));
}

Result<User> SqliteTx::GetUser(UserId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("user"));
  return ReadVersionedUser(*stmt);
}

Result<std::optional<core::UserCredentials>> SqliteTx::FindUserByEmail(std::string_view email) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT u.id, u.organization_id, u.email, u.name, u.role, u.active, u.created_at, u.away, u.shift_calendar_id, "
      "u.version, u.password_hash, o.deactivated_at IS NULL FROM users u JOIN organizations o ON o.id = u.organization_id "
      "WHERE u.email = ?"));
  stmt->BindAll(email);
  if (!TD_TRY(stmt->Step())) return std::optional<core::UserCredentials>();
  return std::optional<core::UserCredentials>(
      core::UserCredentials{ReadVersionedUser(*stmt), stmt->Text(10), stmt->Int64(11) != 0});
}

Result<std::vector<User>> SqliteTx::ListUsers(const core::UserScope& scope) {
  std::string sql = std::string("SELECT ") + kUserColumns + " FROM users WHERE 1 = 1";
  std::vector<Binding> values;
  if (scope.only_user.valid()) {
    sql += " AND id = ?";
    values.push_back({scope.only_user.value});
  }
  if (scope.orgs.kind == core::OrgScope::Kind::kSelf) {
    sql += " AND organization_id = ?";
    values.push_back({scope.orgs.org.value});
  } else if (scope.orgs.kind == core::OrgScope::Kind::kSelfAndChildren) {
    sql += " AND organization_id IN (SELECT id FROM organizations WHERE id = ? OR parent_id = ?)";
    values.push_back({scope.orgs.org.value});
    values.push_back({scope.orgs.org.value});
  }
  sql += " ORDER BY id";
  auto stmt = TD_TRY(db_.Prepare(sql));
  BindValues(*stmt, values);
  std::vector<User> users;
  while (TD_TRY(stmt->Step())) users.push_back(ReadVersionedUser(*stmt));
  return users;
}

Result<std::optional<core::TokenOwner>> SqliteTx::FindToken(std::string_view token_hash,
                                                           Timestamp now) {
  // Revoked tokens, inactive users and deactivated organisations are refused here, in the one
  // query every authenticated request runs.
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT u.id, u.organization_id, u.email, u.name, u.role, u.active, u.created_at, u.away, "
      "u.shift_calendar_id, o.kind, k.id, k.last_used_at "
      "FROM tokens k JOIN users u ON u.id = k.user_id JOIN organizations o ON o.id = "
      "u.organization_id WHERE k.token_hash = ? AND (k.expires_at IS NULL OR k.expires_at > ?) "
      "AND k.revoked_at IS NULL AND u.active = 1 AND o.deactivated_at IS NULL"));
  stmt->BindAll(token_hash, ToUnixMillis(now));
  if (!TD_TRY(stmt->Step())) return std::optional<core::TokenOwner>();
  core::TokenOwner owner{ReadUser(*stmt),
                         core::ParseOrgKind(stmt->Text(9)).value_or(core::OrgKind::kCustomer)};
  owner.token_id = stmt->IdAt<TokenId>(10);
  if (!stmt->IsNull(11)) owner.last_used_at = FromUnixMillis(stmt->Int64(11));
  return std::optional<core::TokenOwner>(std::move(owner));
}

Result<core::UserCredentials> SqliteTx::GetUserCredentials(UserId id) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT u.id, u.organization_id, u.email, u.name, u.role, u.active, u.created_at, u.away, u.shift_calendar_id, "
      "u.version, u.password_hash, o.deactivated_at IS NULL FROM users u JOIN organizations o ON o.id = u.organization_id "
      "WHERE u.id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("user"));
  return core::UserCredentials{ReadVersionedUser(*stmt), stmt->Text(10), stmt->Int64(11) != 0};
}

namespace {
constexpr const char* kTokenColumns =
    "id, user_id, kind, name, token_hash, created_at, expires_at, revoked_at, last_used_at";
std::optional<Timestamp> OptionalTime(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return FromUnixMillis(s.Int64(column));
}
core::TokenRecord ReadToken(const Statement& s) {
  core::TokenRecord token;
  token.id = s.IdAt<TokenId>(0);
  token.user_id = s.IdAt<UserId>(1);
  token.kind = s.Text(2) == "personal" ? core::TokenKind::kPersonal : core::TokenKind::kSession;
  token.name = s.Text(3);
  token.token_hash = s.Text(4);
  token.created_at = FromUnixMillis(s.Int64(5));
  token.expires_at = OptionalTime(s, 6);
  token.revoked_at = OptionalTime(s, 7);
  token.last_used_at = OptionalTime(s, 8);
  return token;
}
}  // namespace

Result<std::vector<core::TokenRecord>> SqliteTx::ListTokens(UserId user, Timestamp now) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kTokenColumns +
                                 " FROM tokens WHERE user_id = ? AND revoked_at IS NULL AND "
                                 "(expires_at IS NULL OR expires_at > ?) ORDER BY id DESC"));
  stmt->BindAll(user, ToUnixMillis(now));
  std::vector<core::TokenRecord> out;
  while (TD_TRY(stmt->Step())) out.push_back(ReadToken(*stmt));
  return out;
}

Result<core::TokenRecord> SqliteTx::GetToken(TokenId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kTokenColumns + " FROM tokens WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("token"));
  return ReadToken(*stmt);
}

Result<std::vector<TeamId>> SqliteTx::ListUserTeams(UserId user) {
  auto stmt = TD_TRY(db_.Prepare("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id"));
  stmt->BindAll(user);
  std::vector<TeamId> out;
  while (TD_TRY(stmt->Step())) out.push_back(stmt->IdAt<TeamId>(0));
  return out;
}

Result<std::optional<core::PasswordReset>> SqliteTx::FindPasswordReset(std::string_view token_hash) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id, user_id, token_hash, created_by, created_at, expires_at, used_at FROM password_resets "
      "WHERE token_hash = ?"));
  stmt->BindAll(token_hash);
  if (!TD_TRY(stmt->Step())) return std::optional<core::PasswordReset>();
  core::PasswordReset reset;
  reset.id = stmt->Int64(0);
  reset.user_id = stmt->IdAt<UserId>(1);
  reset.token_hash = stmt->Text(2);
  reset.created_by = stmt->IdAt<UserId>(3);
  reset.created_at = FromUnixMillis(stmt->Int64(4));
  reset.expires_at = FromUnixMillis(stmt->Int64(5));
  reset.used_at = OptionalTime(*stmt, 6);
  return std::optional<core::PasswordReset>(std::move(reset));
}

Result<std::vector<std::string>> SqliteTx::ListUserReferences(UserId user) {
  // Every column that references users(id), found in the schema itself, so a table a later
  // migration adds is counted without anyone remembering to list it here. A user's own
  // credentials go with it.
  std::vector<std::pair<std::string, std::string>> columns;
  {
    auto stmt = TD_TRY(db_.Prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f "
        "WHERE m.type = 'table' AND f.\"table\" = 'users' AND m.name NOT IN "
        "('tokens', 'known_clients', 'password_resets') ORDER BY m.name, f.\"from\""));
    while (TD_TRY(stmt->Step())) columns.emplace_back(stmt->Text(0), stmt->Text(1));
  }
  std::vector<std::string> out;
  for (const auto& [table, column] : columns) {
    // Names come from sqlite_master, not from input; quoted all the same.
    auto stmt = TD_TRY(db_.Prepare("SELECT COUNT(*) FROM \"" + table + "\" WHERE \"" + column + "\" = ?"));
    stmt->BindAll(user);
    TD_TRY(stmt->Step());
    if (const auto count = stmt->Int64(0); count > 0) {
      out.push_back(table + "." + column + " (" + std::to_string(count) + ")");
    }
  }
  return out;
}

namespace {
constexpr const char* kTeamColumns = "id, name, created_at, assignment, tier, last_assigned";
core::Team ReadTeam(const Statement& s) {
  core::Team team;
  team.id = s.IdAt<TeamId>(0);
  team.name = s.Text(1);
  team.created_at = FromUnixMillis(s.Int64(2));
  team.assignment = core::ParseAssignment(s.Text(3)).value_or(core::Assignment::kManual);
  team.tier = static_cast<int>(s.Int64(4));
  team.last_assigned = s.IdAt<UserId>(5);
  return team;
}
}  // namespace

Result<std::vector<core::Team>> SqliteTx::ListTeams() {
  std::vector<core::Team> teams;
  {
    auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kTeamColumns + " FROM teams ORDER BY id"));
    while (TD_TRY(stmt->Step())) teams.push_back(ReadTeam(*stmt));
  }
  auto stmt = TD_TRY(db_.Prepare("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id"));
  for (auto& team : teams) {
    stmt->BindAll(team.id);
    while (TD_TRY(stmt->Step())) team.members.push_back(stmt->IdAt<UserId>(0));
    stmt->Reset();
  }
  return teams;
}

Result<core::Team> SqliteTx::GetTeam(TeamId id) {
  core::Team team;
  {
    auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kTeamColumns + " FROM teams WHERE id = ?"));
    stmt->BindAll(id);
    if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("team"));
    team = ReadTeam(*stmt);
  }
  auto stmt = TD_TRY(db_.Prepare("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY user_id"));
  stmt->BindAll(id);
  while (TD_TRY(stmt->Step())) team.members.push_back(stmt->IdAt<UserId>(0));
  return team;
}

namespace {
// requirements NULL: the service's defaults (never set by an admin).
Result<core::Service> ReadService(const Statement& s) {
  core::Service service{s.Text(0), s.Text(1), s.Int64(2) != 0};
  service.requirements = s.IsNull(3) ? core::DefaultRequirements(service.code)
                                     : TD_TRY(core::DecodeRequirements(s.Text(3)));
  return service;
}
}  // namespace

Result<std::vector<core::Service>> SqliteTx::ListServices() {
  auto stmt = TD_TRY(db_.Prepare("SELECT code, name, builtin, requirements FROM services ORDER BY builtin DESC, code"));
  std::vector<core::Service> services;
  while (TD_TRY(stmt->Step())) services.push_back(TD_TRY(ReadService(*stmt)));
  return services;
}

Result<std::optional<core::Service>> SqliteTx::FindService(std::string_view code) {
  auto stmt = TD_TRY(db_.Prepare("SELECT code, name, builtin, requirements FROM services WHERE code = ?"));
  stmt->BindAll(code);
  if (!TD_TRY(stmt->Step())) return std::optional<core::Service>();
  return std::optional<core::Service>(TD_TRY(ReadService(*stmt)));
}

Status SqliteTx::UpdateServiceRequirements(std::string_view code, const core::ServiceRequirements& requirements) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE services SET requirements = ? WHERE code = ?"));
  stmt->BindAll(core::EncodeRequirements(requirements), code);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("service"));
  return Ok();
}

Result<std::vector<core::ChecklistMark>> SqliteTx::ListChecklistMarks(TicketId ticket) {
  auto stmt = TD_TRY(db_.Prepare("SELECT item, done_by, done_at FROM ticket_checklist WHERE ticket_id = ? ORDER BY item"));
  stmt->BindAll(ticket);
  std::vector<core::ChecklistMark> marks;
  while (TD_TRY(stmt->Step())) marks.push_back({stmt->Text(0), stmt->IdAt<UserId>(1), FromUnixMillis(stmt->Int64(2))});
  return marks;
}

Status SqliteTx::PutChecklistMark(TicketId ticket, const core::ChecklistMark& mark) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO ticket_checklist (ticket_id, item, done_by, done_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT(ticket_id, item) DO UPDATE SET done_by = excluded.done_by, done_at = excluded.done_at"));
  stmt->BindAll(ticket, mark.key, mark.done_by, ToUnixMillis(mark.done_at));
  return stmt->Run();
}

Status SqliteTx::DeleteChecklistMark(TicketId ticket, std::string_view key) {
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM ticket_checklist WHERE ticket_id = ? AND item = ?"));
  stmt->BindAll(ticket, key);
  return stmt->Run();
}

namespace {
constexpr const char* kSubscriptionColumns =
    "s.id, s.customer_id, s.service, s.external_id, s.name, s.support_contact_id, s.new_commerce, "
    "s.created_at, s.status, s.cancelled_at, s.version";
core::Subscription ReadSubscription(const Statement& s) {
  core::Subscription out{s.IdAt<SubscriptionId>(0), s.IdAt<OrgId>(1), s.Text(2), s.Text(3), s.Text(4),
                         s.IdAt<OrgId>(5), s.Int64(6) != 0, FromUnixMillis(s.Int64(7))};
  out.status = core::ParseSubscriptionStatus(s.Text(8)).value_or(core::SubscriptionStatus::kActive);
  out.cancelled_at = OptionalTimestamp(s, 9);
  out.version = s.Int64(10);
  return out;
}
}  // namespace

Result<std::vector<core::SubscriptionHistoryEntry>> SqliteTx::ListSubscriptionHistory(SubscriptionId id) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id, subscription_id, action, field, before, after, actor_id, reason, created_at "
      "FROM subscription_history WHERE subscription_id = ? ORDER BY id"));
  stmt->BindAll(id);
  std::vector<core::SubscriptionHistoryEntry> out;
  while (TD_TRY(stmt->Step())) {
    core::SubscriptionHistoryEntry e;
    e.id = stmt->Int64(0);
    e.subscription_id = stmt->IdAt<SubscriptionId>(1);
    e.action = stmt->Text(2);
    e.field = stmt->Text(3);
    e.before = stmt->Text(4);
    e.after = stmt->Text(5);
    e.actor_id = stmt->IdAt<UserId>(6);
    e.reason = stmt->Text(7);
    e.created_at = FromUnixMillis(stmt->Int64(8));
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<std::string>> SqliteTx::ListOrganizationReferences(OrgId id) {
  // Every table whose rows point at an organisation (migrations.cpp), by what the API calls them.
  struct Reference {
    const char* what;
    const char* sql;
  };
  static constexpr Reference kReferences[] = {
      {"organizations under it", "SELECT COUNT(*) FROM organizations WHERE parent_id = ?1"},
      {"users", "SELECT COUNT(*) FROM users WHERE organization_id = ?1"},
      {"tickets", "SELECT COUNT(*) FROM tickets WHERE customer_id = ?1 OR reseller_id = ?1 OR provider_id = ?1"},
      {"messages", "SELECT COUNT(*) FROM messages WHERE author_org_id = ?1"},
      {"subscriptions", "SELECT COUNT(*) FROM subscriptions WHERE customer_id = ?1 OR support_contact_id = ?1"},
      {"agreements", "SELECT COUNT(*) FROM agreements WHERE customer_id = ?1"},
      {"provider contracts", "SELECT COUNT(*) FROM provider_contracts WHERE provider_id = ?1"},
      {"time entries", "SELECT COUNT(*) FROM time_entries WHERE org_id = ?1"},
      {"prepaid blocks", "SELECT COUNT(*) FROM prepaid_blocks WHERE customer_id = ?1"},
      {"billing periods", "SELECT COUNT(*) FROM billing_periods WHERE customer_id = ?1"},
      {"billing lines", "SELECT COUNT(*) FROM billing_lines WHERE customer_id = ?1"},
  };
  std::vector<std::string> out;
  for (const auto& reference : kReferences) {
    auto stmt = TD_TRY(db_.Prepare(reference.sql));
    stmt->Bind(1, id);
    TD_TRY(stmt->Step());
    if (const auto count = stmt->Int64(0); count > 0) out.push_back(std::to_string(count) + " " + reference.what);
  }
  return out;
}

Result<std::vector<core::Subscription>> SqliteTx::ListSubscriptions(const core::OrgScope& scope) {
  std::string sql = std::string("SELECT ") + kSubscriptionColumns +
                    " FROM subscriptions s JOIN organizations o ON o.id = s.customer_id";
  if (scope.kind == core::OrgScope::Kind::kSelf) sql += " WHERE o.id = ?1";
  if (scope.kind == core::OrgScope::Kind::kSelfAndChildren) sql += " WHERE o.parent_id = ?1";
  sql += " ORDER BY s.id";
  auto stmt = TD_TRY(db_.Prepare(sql));
  if (scope.kind != core::OrgScope::Kind::kAll) stmt->Bind(1, scope.org);
  std::vector<core::Subscription> out;
  while (TD_TRY(stmt->Step())) out.push_back(ReadSubscription(*stmt));
  return out;
}

Result<core::Subscription> SqliteTx::GetSubscription(SubscriptionId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kSubscriptionColumns +
                                 " FROM subscriptions s WHERE s.id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("subscription"));
  return ReadSubscription(*stmt);
}

Result<Ticket> SqliteTx::GetTicket(const TicketScope& scope, TicketId id) {
  // The hottest read: its five possible texts are built once, not per call.
  static const auto kSql = [] {
    std::array<std::string, 5> texts;
    for (int kind = 0; kind < 5; ++kind) {
      texts[static_cast<std::size_t>(kind)] = std::string("SELECT ") + kTicketColumns + " FROM tickets t WHERE t.id = ?";
      AppendScope(texts[static_cast<std::size_t>(kind)], TicketScope{static_cast<TicketScope::Kind>(kind), {}, {}});
    }
    return texts;
  }();
  const std::optional<std::int64_t> scope_value = ScopeValue(scope);
  auto stmt = TD_TRY(db_.Prepare(kSql[static_cast<std::size_t>(scope.kind)]));
  stmt->Bind(1, id);
  if (scope_value) stmt->Bind(2, *scope_value);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("ticket"));
  return ReadTicket(*stmt);
}

Result<core::TicketPage> SqliteTx::ListTickets(const TicketScope& scope,
                                               const core::TicketQuery& query) {
  using core::TicketSort;
  const std::string search = TD_TRY(BuildSearchQuery(query.text));
  // Orders other than creation (= id) order sort on a key column, then the id.
  const char* key = nullptr;
  if (query.sort == TicketSort::kUpdatedDesc || query.sort == TicketSort::kUpdatedAsc) key = "t.updated_at";
  if (query.sort == TicketSort::kNextDue) key = kNextDueKey;
  const bool by_key = key != nullptr;
  const bool descending =
      query.sort == TicketSort::kCreatedDesc || query.sort == TicketSort::kUpdatedDesc;

  std::string sql = "SELECT ";
  sql += kTicketColumns;
  std::vector<Binding> values;
  if (!search.empty()) {
    // Walk the index newest ticket first; a ticket's documents are adjacent, deduplicated below.
    sql += ", s.rowid FROM ticket_search s JOIN tickets t ON t.id = (s.rowid >> 21) "
           "WHERE ticket_search MATCH ?";
    values.push_back({search});
    sql += SearchCondition(scope);
    // A narrow scope (a requester, a small customer) is tested against the scope's ticket ids,
    // gathered once into a small in-memory index, before any match is joined to its ticket: a
    // common word that matches most of a large desk then costs a walk of the index alone.
    if (const auto column = ScopeColumn(scope); !column.empty()) {
      const auto value = *ScopeValue(scope);
      auto count = TD_TRY(db_.Prepare("SELECT count(*) FROM (SELECT 1 FROM tickets WHERE " + std::string(column) +
                                      " = ? LIMIT " + std::to_string(kSmallScope + 1) + ")"));
      count->BindAll(value);
      if (TD_TRY(count->Step()) && count->Int64(0) <= kSmallScope) {
        sql += " AND (s.rowid >> 21) IN (SELECT id FROM tickets WHERE " + std::string(column) + " = ?)";
        values.push_back({value});
      }
    }
  } else {
    sql += " FROM tickets t WHERE 1 = 1";
  }
  if (const auto v = AppendScope(sql, scope)) values.push_back({*v});
  if (query.status) {
    sql += " AND t.status = ?";
    values.push_back({std::string(core::ToString(*query.status))});
  }
  if (query.customer) {
    sql += " AND t.customer_id = ?";
    values.push_back({query.customer->value});
  }
  if (query.team) {
    sql += " AND t.team_id = ?";
    values.push_back({query.team->value});
  }
  if (query.assignee) {
    sql += " AND t.assignee_id = ?";
    values.push_back({query.assignee->value});
  }
  if (query.severity) {
    sql += " AND t.severity = ?";
    values.push_back({std::string(core::ToString(*query.severity))});
  }
  if (query.service) {
    sql += " AND t.service = ?";
    values.push_back({*query.service});
  }
  if (query.category) {
    sql += " AND t.category = ?";
    values.push_back({std::string(core::ToString(*query.category))});
  }
  if (query.tag) {
    sql += " AND EXISTS (SELECT 1 FROM ticket_tags g WHERE g.tag = ? AND g.ticket_id = t.id)";
    values.push_back({*query.tag});
  }
  if (query.updated_since) {
    sql += " AND t.updated_at >= ?";
    values.push_back({ToUnixMillis(*query.updated_since)});
  }
  if (query.sla_breached) {
    sql += " AND (t.sla_breached = 1 OR t.sla_due_at < ?)";
    values.push_back({ToUnixMillis(query.now)});
  }
  if (query.sla_due_within) {
    sql += " AND t.sla_due_at >= ? AND t.sla_due_at <= ?";
    values.push_back({ToUnixMillis(query.now)});
    values.push_back({ToUnixMillis(query.now + *query.sla_due_within)});
  }
  if (search.empty() || by_key) {
    if (query.after) {
      if (by_key) {
        sql += std::string(" AND (") + key + ", t.id) " + (descending ? "<" : ">") + " (?, ?)";
        values.push_back({query.after->key});
        values.push_back({query.after->id});
      } else {
        sql += descending ? " AND t.id < ?" : " AND t.id > ?";
        values.push_back({query.after->id});
      }
    }
    if (by_key) {
      sql += std::string(" ORDER BY ") + key + (descending ? " DESC, t.id DESC" : ", t.id");
    } else {
      sql += descending ? " ORDER BY t.id DESC" : " ORDER BY t.id";
    }
    if (!search.empty()) {
      // Ranked by a key: collect the distinct matches first.
      sql = "SELECT * FROM (" + sql + ")";
    }
  } else {
    if (query.after) {
      sql += descending ? " AND s.rowid < ?" : " AND s.rowid >= ?";
      values.push_back({descending ? (query.after->id << kSearchShift)
                                   : ((query.after->id + 1) << kSearchShift)});
    }
    sql += descending ? " ORDER BY s.rowid DESC" : " ORDER BY s.rowid";
  }

  auto stmt = TD_TRY(db_.Prepare(sql));
  BindValues(*stmt, values);
  std::optional<Connection::DeadlineScope> budget;
  if (!search.empty()) budget.emplace(db_, db_.search_budget);
  core::TicketPage page;
  const auto limit = static_cast<std::size_t>(query.limit);
  std::int64_t last_id = 0;
  bool more = false;
  while (TD_TRY(stmt->Step())) {
    const auto id = stmt->Int64(0);
    if (id == last_id) continue;  // another document of the same ticket
    if (!search.empty() && by_key) {
      bool seen = false;
      for (const auto& t : page.items) seen = seen || t.id.value == id;
      if (seen) continue;
    }
    if (page.items.size() == limit) {
      more = true;
      break;
    }
    last_id = id;
    page.items.push_back(ReadTicket(*stmt));
  }
  const auto key_of = [&](const Ticket& t) -> std::int64_t {
    if (query.sort == TicketSort::kNextDue) return OptionalMillis(t.sla_due_at).value_or(kNoDue);
    return by_key ? ToUnixMillis(t.updated_at) : t.id.value;
  };
  if (!search.empty() && by_key) {
    std::stable_sort(page.items.begin(), page.items.end(), [&](const Ticket& a, const Ticket& b) {
      return descending ? std::pair(key_of(a), a.id) > std::pair(key_of(b), b.id)
                        : std::pair(key_of(a), a.id) < std::pair(key_of(b), b.id);
    });
  }
  if (more && !page.items.empty()) {
    const Ticket& last = page.items.back();
    page.next = core::PageCursor{key_of(last), last.id.value};
  }
  return page;
}

Status SqliteTx::CheckTicketVisible(const TicketScope& scope, TicketId id) {
  std::string sql = "SELECT 1 FROM tickets t WHERE t.id = ?";
  const auto scope_value = AppendScope(sql, scope);
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->Bind(1, id);
  if (scope_value) stmt->Bind(2, *scope_value);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("ticket"));
  return Ok();
}

Result<std::vector<Message>> SqliteTx::ListMessages(const TicketScope& scope, TicketId id) {
  TD_CHECK(CheckTicketVisible(scope, id));
  std::string sql =
      "SELECT id, ticket_id, author_id, author_org_id, kind, body, email_message_id, created_at, shared "
      "FROM messages WHERE ticket_id = ?";
  if (const auto readable = MessageCondition(scope, ""); !readable.empty()) sql += " AND " + readable;
  sql += " ORDER BY id";
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->BindAll(id);
  std::vector<Message> messages;
  ResellerLookup resellers(db_);
  while (TD_TRY(stmt->Step())) {
    Message m;
    m.id = stmt->IdAt<MessageId>(0);
    m.ticket_id = stmt->IdAt<TicketId>(1);
    m.author_id = stmt->IdAt<UserId>(2);
    m.author_org_id = stmt->IdAt<OrgId>(3);
    m.kind = core::ParseMessageKind(stmt->Text(4)).value_or(core::MessageKind::kSystem);
    m.body = stmt->Text(5);
    m.email_message_id = stmt->Text(6);
    m.created_at = FromUnixMillis(stmt->Int64(7));
    m.shared_with_provider = stmt->Int64(8) != 0;
    if (!core::SeesMessage(scope.viewer, m)) continue;
    if (scope.viewer == core::Viewer::kReseller &&
        !core::SeesResellerItem(scope.viewer, scope.org, core::MessageReach(m.kind),
                                TD_TRY(resellers.OfOrganization(m.author_org_id)))) {
      continue;
    }
    messages.push_back(std::move(m));
  }
  return messages;
}

namespace {
constexpr const char* kEventColumns =
    "id, ticket_id, actor_id, action, field, before, after, internal, created_at, via, shared, client_address";
Event ReadEvent(const Statement& s) {
  return Event{s.Int64(0), s.IdAt<TicketId>(1), s.IdAt<UserId>(2), s.Text(3),
               s.Text(4), s.Text(5), s.Text(6), s.Int64(7) != 0,
               FromUnixMillis(s.Int64(8)), s.Text(9), s.Int64(10) != 0, s.Text(11)};
}
}  // namespace

Result<std::vector<Event>> SqliteTx::ListEvents(const TicketScope& scope, TicketId id) {
  TD_CHECK(CheckTicketVisible(scope, id));
  // What the viewer sees of each event is core::ViewEvent's to say, by kind and field.
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kEventColumns + " FROM events WHERE ticket_id = ? ORDER BY id"));
  stmt->BindAll(id);
  std::vector<Event> events;
  ResellerLookup resellers(db_);
  while (TD_TRY(stmt->Step())) {
    auto seen = core::ViewEvent(scope.viewer, ReadEvent(*stmt));
    if (!seen) continue;
    if (scope.viewer == core::Viewer::kReseller &&
        !core::SeesResellerItem(scope.viewer, scope.org, core::EventReach(*seen), TD_TRY(resellers.OfUser(seen->actor_id)))) {
      continue;
    }
    events.push_back(std::move(*seen));
  }
  return events;
}

Result<std::vector<Event>> SqliteTx::ListAllEvents(std::int64_t after_id, int limit) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kEventColumns +
                                 " FROM events WHERE id > ? ORDER BY id LIMIT ?"));
  stmt->BindAll(after_id, limit);
  std::vector<Event> events;
  while (TD_TRY(stmt->Step())) events.push_back(ReadEvent(*stmt));
  return events;
}

Result<std::int64_t> SqliteTx::LatestEventId() {
  auto stmt = TD_TRY(db_.Prepare("SELECT COALESCE(MAX(id), 0) FROM events"));
  TD_TRY(stmt->Step());
  return stmt->Int64(0);
}

namespace {
constexpr const char* kAttachmentColumns =
    "id, ticket_id, message_id, sha256, size, content_type, filename, uploaded_by, internal, "
    "created_at, shared";
Attachment ReadAttachment(const Statement& s) {
  return Attachment{s.IdAt<AttachmentId>(0), s.IdAt<TicketId>(1), s.IdAt<MessageId>(2), s.Text(3),
                    s.Int64(4), s.Text(5), s.Text(6), s.IdAt<UserId>(7), s.Int64(8) != 0,
                    FromUnixMillis(s.Int64(9)), s.Int64(10) != 0};
}
}  // namespace

Result<std::vector<Attachment>> SqliteTx::ListAttachments(const TicketScope& scope, TicketId id) {
  TD_CHECK(CheckTicketVisible(scope, id));
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kAttachmentColumns +
                                 " FROM attachments WHERE ticket_id = ? ORDER BY id"));
  stmt->BindAll(id);
  std::vector<Attachment> out;
  ResellerLookup resellers(db_);
  while (TD_TRY(stmt->Step())) {
    auto attachment = ReadAttachment(*stmt);
    if (!core::SeesAttachment(scope.viewer, attachment)) continue;
    if (scope.viewer == core::Viewer::kReseller &&
        !core::SeesResellerItem(scope.viewer, scope.org, core::AttachmentReach(attachment),
                                TD_TRY(resellers.OfUser(attachment.uploaded_by)))) {
      continue;
    }
    out.push_back(std::move(attachment));
  }
  return out;
}

Result<Attachment> SqliteTx::GetAttachment(const TicketScope& scope, TicketId ticket,
                                           AttachmentId id) {
  TD_CHECK(CheckTicketVisible(scope, ticket));
  std::string sql = std::string("SELECT ") + kAttachmentColumns +
                    " FROM attachments WHERE ticket_id = ? AND id = ?";
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->BindAll(ticket, id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("attachment"));
  auto attachment = ReadAttachment(*stmt);
  // One the viewer may not see does not exist for it.
  if (!core::SeesAttachment(scope.viewer, attachment)) return Fail(Error::NotFound("attachment"));
  if (scope.viewer == core::Viewer::kReseller) {
    ResellerLookup resellers(db_);
    if (!core::SeesResellerItem(scope.viewer, scope.org, core::AttachmentReach(attachment),
                                TD_TRY(resellers.OfUser(attachment.uploaded_by)))) {
      return Fail(Error::NotFound("attachment"));
    }
  }
  return attachment;
}

namespace {
constexpr const char* kCalendarColumns = "id, name, spec, version, created_at, updated_at";
Result<core::Calendar> ReadCalendar(const Statement& s) {
  core::Calendar calendar;
  calendar.id = s.IdAt<CalendarId>(0);
  calendar.name = s.Text(1);
  calendar.spec = TD_TRY(core::DecodeCalendarSpec(s.Text(2)));
  calendar.version = s.Int64(3);
  calendar.created_at = FromUnixMillis(s.Int64(4));
  calendar.updated_at = FromUnixMillis(s.Int64(5));
  return calendar;
}
}  // namespace

Result<std::vector<core::Calendar>> SqliteTx::ListCalendars() {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kCalendarColumns + " FROM calendars ORDER BY id"));
  std::vector<core::Calendar> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadCalendar(*stmt)));
  return out;
}

Result<core::Calendar> SqliteTx::GetCalendar(CalendarId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kCalendarColumns + " FROM calendars WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("calendar"));
  return ReadCalendar(*stmt);
}

Status SqliteTx::InsertCalendar(core::Calendar& calendar) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO calendars (name, spec, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
  stmt->BindAll(calendar.name, core::EncodeCalendarSpec(calendar.spec), calendar.version,
                ToUnixMillis(calendar.created_at), ToUnixMillis(calendar.updated_at));
  TD_CHECK(RunInsert(*stmt, "name", "a calendar with this name exists already"));
  calendar.id = CalendarId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::UpdateCalendar(const core::Calendar& calendar, std::int64_t expected_version) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE calendars SET name = ?, spec = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?"));
  stmt->BindAll(calendar.name, core::EncodeCalendarSpec(calendar.spec), calendar.version,
                ToUnixMillis(calendar.updated_at), calendar.id, expected_version);
  TD_CHECK(RunInsert(*stmt, "name", "a calendar with this name exists already"));
  if (db_.Changes() != 1) {
    return Fail(Error::PreconditionFailed("the calendar was changed by someone else; reload it"));
  }
  return Ok();
}

namespace {
constexpr const char* kRuleColumns =
    "id, name, position, enabled, match_all, stop, on_create, on_update, conditions, actions, version, "
    "created_at, updated_at, provider_before_hand_up";
Result<core::Rule> ReadRule(const Statement& s) {
  core::Rule rule;
  rule.id = s.IdAt<RuleId>(0);
  rule.name = s.Text(1);
  rule.position = s.Int64(2);
  rule.enabled = s.Int64(3) != 0;
  rule.match_all = s.Int64(4) != 0;
  rule.stop = s.Int64(5) != 0;
  rule.on_create = s.Int64(6) != 0;
  rule.on_update = s.Int64(7) != 0;
  rule.conditions = TD_TRY(core::DecodeConditions(s.Text(8)));
  rule.actions = TD_TRY(core::DecodeActions(s.Text(9)));
  rule.version = s.Int64(10);
  rule.created_at = FromUnixMillis(s.Int64(11));
  rule.updated_at = FromUnixMillis(s.Int64(12));
  rule.provider_before_hand_up = s.Int64(13) != 0;
  return rule;
}
}  // namespace

Result<std::vector<core::Rule>> SqliteTx::ListRules() {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kRuleColumns + " FROM rules ORDER BY position, id"));
  std::vector<core::Rule> rules;
  while (TD_TRY(stmt->Step())) rules.push_back(TD_TRY(ReadRule(*stmt)));
  return rules;
}

Result<core::Rule> SqliteTx::GetRule(RuleId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kRuleColumns + " FROM rules WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("rule"));
  return ReadRule(*stmt);
}

Result<std::int64_t> SqliteTx::RulesVersion() {
  auto stmt = TD_TRY(db_.Prepare("SELECT version FROM rules_version WHERE id = 1"));
  if (!TD_TRY(stmt->Step())) return std::int64_t{0};
  return stmt->Int64(0);
}

Status SqliteTx::InsertRule(core::Rule& r) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO rules (name, position, enabled, match_all, stop, on_create, on_update, conditions, actions, "
      "version, created_at, updated_at, provider_before_hand_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(r.name, r.position, r.enabled, r.match_all, r.stop, r.on_create, r.on_update,
                core::EncodeConditions(r.conditions), core::EncodeActions(r.actions), r.version,
                ToUnixMillis(r.created_at), ToUnixMillis(r.updated_at), r.provider_before_hand_up);
  TD_CHECK(RunInsert(*stmt, "name", "a rule with this name exists already"));
  r.id = RuleId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::UpdateRule(const core::Rule& r, std::int64_t expected_version) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE rules SET name = ?, position = ?, enabled = ?, match_all = ?, stop = ?, on_create = ?, on_update = ?, "
      "conditions = ?, actions = ?, version = ?, updated_at = ?, provider_before_hand_up = ? "
      "WHERE id = ? AND version = ?"));
  stmt->BindAll(r.name, r.position, r.enabled, r.match_all, r.stop, r.on_create, r.on_update,
                core::EncodeConditions(r.conditions), core::EncodeActions(r.actions), r.version,
                ToUnixMillis(r.updated_at), r.provider_before_hand_up, r.id, expected_version);
  TD_CHECK(RunInsert(*stmt, "name", "a rule with this name exists already"));
  if (db_.Changes() != 1) return Fail(Error::PreconditionFailed("the rule was changed by someone else; reload it"));
  return Ok();
}

Status SqliteTx::DeleteRule(RuleId id) {
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM rules WHERE id = ?"));
  stmt->BindAll(id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("rule"));
  return Ok();
}

namespace {

// The ids a query over one bound id returns, as references of a kind.
Status AppendReferences(Connection& db, const char* sql, std::int64_t id, const char* kind,
                        std::vector<Reference>& out) {
  auto stmt = TD_TRY(db.Prepare(sql));
  stmt->BindAll(id);
  while (TD_TRY(stmt->Step())) out.push_back({kind, stmt->Int64(0)});
  return Ok();
}

}  // namespace

Result<std::vector<Reference>> SqliteTx::CalendarReferences(CalendarId id) {
  std::vector<Reference> out;
  {
    // Plans keep their calendars inside their terms' text: read every version.
    auto stmt = TD_TRY(db_.Prepare("SELECT plan_id, terms FROM plan_versions ORDER BY plan_id, version"));
    while (TD_TRY(stmt->Step())) {
      const std::int64_t plan = stmt->Int64(0);
      if (!out.empty() && out.back().id == plan) continue;
      const auto terms = TD_TRY(core::DecodePlan(stmt->Text(1)));
      bool uses = terms.service_hours == id;
      for (const auto& channel : terms.channels) uses = uses || channel.hours == id;
      if (uses) out.push_back({"plan", plan});
    }
  }
  TD_CHECK(AppendReferences(db_, "SELECT id FROM users WHERE shift_calendar_id = ? ORDER BY id", id.value, "user", out));
  TD_CHECK(AppendReferences(db_, "SELECT provider_id FROM provider_contracts WHERE hours = ? ORDER BY provider_id",
                            id.value, "provider", out));
  auto rules = TD_TRY(db_.Prepare("SELECT id, conditions FROM rules ORDER BY id"));
  const std::string calendar = std::to_string(id.value);
  while (TD_TRY(rules->Step())) {
    const auto conditions = TD_TRY(core::DecodeConditions(rules->Text(1)));
    const bool uses = std::any_of(conditions.begin(), conditions.end(), [&calendar](const core::RuleCondition& c) {
      return c.field == "time" && std::find(c.values.begin(), c.values.end(), calendar) != c.values.end();
    });
    if (uses) out.push_back({"rule", rules->Int64(0)});
  }
  return out;
}

Result<std::vector<Reference>> SqliteTx::CompetencyReferences(CompetencyId id) {
  std::vector<Reference> out;
  TD_CHECK(AppendReferences(db_, "SELECT id FROM entitlements WHERE competency_id = ? ORDER BY id", id.value,
                            "entitlement", out));
  return out;
}

Result<std::vector<Reference>> SqliteTx::EntitlementReferences(EntitlementId id) {
  std::vector<Reference> out;
  TD_CHECK(AppendReferences(db_, "SELECT id FROM vendor_cases WHERE entitlement_id = ? ORDER BY id", id.value,
                            "vendor_case", out));
  return out;
}

Status SqliteTx::DeleteCalendar(CalendarId id) {
  // The use case refuses while anything refers to the calendar (CalendarReferences); the foreign
  // keys of shifts and providers' contracts back that up.
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM calendars WHERE id = ?"));
  stmt->BindAll(id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("calendar"));
  return Ok();
}

namespace {
Result<core::Plan> ReadPlan(const Statement& s) {
  auto plan = TD_TRY(core::DecodePlan(s.Text(2)));
  plan.id = s.IdAt<PlanId>(0);
  plan.version = s.Int64(1);
  return plan;
}
}  // namespace

Result<std::vector<core::Plan>> SqliteTx::ListPlans() {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT p.id, v.version, v.terms FROM plans p JOIN plan_versions v "
      "ON v.plan_id = p.id AND v.version = p.current_version ORDER BY p.id"));
  std::vector<core::Plan> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadPlan(*stmt)));
  return out;
}

Result<core::Plan> SqliteTx::GetPlan(PlanId id, std::int64_t version) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT p.id, v.version, v.terms FROM plans p JOIN plan_versions v ON v.plan_id = p.id "
      "WHERE p.id = ?1 AND v.version = CASE WHEN ?2 > 0 THEN ?2 ELSE p.current_version END"));
  stmt->BindAll(id, version);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound(version > 0 ? "plan version" : "plan"));
  return ReadPlan(*stmt);
}

Status SqliteTx::InsertPlan(core::Plan& plan, Timestamp at) {
  {
    auto stmt = TD_TRY(db_.Prepare(
        "INSERT INTO plans (name, current_version, created_at, updated_at) VALUES (?, 1, ?, ?)"));
    stmt->BindAll(plan.name, ToUnixMillis(at), ToUnixMillis(at));
    TD_CHECK(RunInsert(*stmt, "name", "a plan with this name exists already"));
  }
  plan.id = PlanId{db_.LastInsertId()};
  plan.version = 1;
  auto stmt = TD_TRY(db_.Prepare("INSERT INTO plan_versions (plan_id, version, terms, created_at) VALUES (?, 1, ?, ?)"));
  stmt->BindAll(plan.id, core::EncodePlan(plan), ToUnixMillis(at));
  return stmt->Run();
}

Status SqliteTx::AddPlanVersion(const core::Plan& plan, Timestamp at) {
  {
    auto stmt = TD_TRY(db_.Prepare(
        "UPDATE plans SET name = ?, current_version = ?, updated_at = ? WHERE id = ? AND current_version = ?"));
    stmt->BindAll(plan.name, plan.version, ToUnixMillis(at), plan.id, plan.version - 1);
    TD_CHECK(RunInsert(*stmt, "name", "a plan with this name exists already"));
    if (db_.Changes() != 1) return Fail(Error::PreconditionFailed("the plan was changed by someone else; reload it"));
  }
  auto stmt = TD_TRY(db_.Prepare("INSERT INTO plan_versions (plan_id, version, terms, created_at) VALUES (?, ?, ?, ?)"));
  stmt->BindAll(plan.id, plan.version, core::EncodePlan(plan), ToUnixMillis(at));
  return stmt->Run();
}

namespace {
constexpr const char* kAgreementColumns =
    "id, customer_id, plan_id, plan_version, start_day, end_day, hourly_rate_override, per_incident_override, "
    "monthly_fee_override, targets_override, prepaid_minutes, prepaid_incidents, created_at";

std::optional<std::int64_t> OptionalInt(const Statement& s, int column) {
  if (s.IsNull(column)) return std::nullopt;
  return s.Int64(column);
}

Result<core::Agreement> ReadAgreement(const Statement& s) {
  core::Agreement a;
  a.id = s.IdAt<AgreementId>(0);
  a.customer_id = s.IdAt<OrgId>(1);
  a.plan_id = s.IdAt<PlanId>(2);
  a.plan_version = s.Int64(3);
  a.start = s.Int64(4);
  a.end = OptionalInt(s, 5);
  a.overrides.hourly_rate = OptionalInt(s, 6);
  a.overrides.per_incident = OptionalInt(s, 7);
  a.overrides.monthly_fee = OptionalInt(s, 8);
  if (!s.IsNull(9)) a.overrides.targets = TD_TRY(core::DecodeTargets(s.Text(9)));
  a.prepaid_minutes = s.Int64(10);
  a.prepaid_incidents = s.Int64(11);
  a.created_at = FromUnixMillis(s.Int64(12));
  return a;
}

void BindOptional(Statement& stmt, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    stmt.Bind(index, *value);
  } else {
    stmt.BindNull(index);
  }
}
}  // namespace

Result<std::vector<core::Agreement>> SqliteTx::ListAgreements(OrgId customer) {
  std::string sql = std::string("SELECT ") + kAgreementColumns + " FROM agreements";
  if (customer.valid()) sql += " WHERE customer_id = ?";
  sql += " ORDER BY customer_id, start_day";
  auto stmt = TD_TRY(db_.Prepare(sql));
  if (customer.valid()) stmt->Bind(1, customer);
  std::vector<core::Agreement> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadAgreement(*stmt)));
  return out;
}

Result<core::Agreement> SqliteTx::GetAgreement(AgreementId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kAgreementColumns + " FROM agreements WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("agreement"));
  return ReadAgreement(*stmt);
}

Status SqliteTx::InsertAgreement(core::Agreement& a) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO agreements (customer_id, plan_id, plan_version, start_day, end_day, hourly_rate_override, "
      "per_incident_override, monthly_fee_override, targets_override, prepaid_minutes, prepaid_incidents, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(a.customer_id, a.plan_id, a.plan_version, a.start);
  BindOptional(*stmt, 5, a.end);
  BindOptional(*stmt, 6, a.overrides.hourly_rate);
  BindOptional(*stmt, 7, a.overrides.per_incident);
  BindOptional(*stmt, 8, a.overrides.monthly_fee);
  if (a.overrides.targets) {
    stmt->Bind(9, core::EncodeTargets(*a.overrides.targets));
  } else {
    stmt->BindNull(9);
  }
  stmt->Bind(10, a.prepaid_minutes);
  stmt->Bind(11, a.prepaid_incidents);
  stmt->Bind(12, ToUnixMillis(a.created_at));
  TD_CHECK(stmt->Run());
  a.id = AgreementId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::UpdateAgreementEnd(AgreementId id, std::optional<core::Day> end) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE agreements SET end_day = ? WHERE id = ?"));
  BindOptional(*stmt, 1, end);
  stmt->Bind(2, id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("agreement"));
  return Ok();
}

Result<std::int64_t> SqliteTx::TermsVersion() {
  auto stmt = TD_TRY(db_.Prepare("SELECT version FROM terms_version WHERE id = 1"));
  if (!TD_TRY(stmt->Step())) return std::int64_t{0};
  return stmt->Int64(0);
}

Result<core::PartnerSettings> SqliteTx::GetPartnerSettings() {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT default_plan_id, support_email, support_phone, support_website, escalation_order, "
      "escalation_minutes_per_case, internal_hourly_cost, internal_cost_currency, prepaid_low_balance_percent, "
      "customer_users_any_domain FROM partner_settings WHERE id = 1"));
  core::PartnerSettings settings;
  if (!TD_TRY(stmt->Step())) return settings;
  settings.default_plan = stmt->IdAt<PlanId>(0);
  settings.support_email = stmt->Text(1);
  settings.support_phone = stmt->Text(2);
  settings.support_website = stmt->Text(3);
  settings.escalation_order = SplitNames(stmt->Text(4));
  settings.escalation_minutes_per_case = stmt->Int64(5);
  settings.internal_hourly_cost = stmt->Int64(6);
  settings.internal_cost_currency = stmt->Text(7);
  settings.prepaid_low_balance_percent = static_cast<int>(stmt->Int64(8));
  settings.customer_users_any_domain = stmt->Int64(9) != 0;
  return settings;
}

Status SqliteTx::PutPartnerSettings(const core::PartnerSettings& s) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO partner_settings (id, default_plan_id, support_email, support_phone, support_website, "
      "escalation_order, escalation_minutes_per_case, internal_hourly_cost, internal_cost_currency, "
      "prepaid_low_balance_percent, customer_users_any_domain) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET "
      "default_plan_id = excluded.default_plan_id, support_email = excluded.support_email, "
      "support_phone = excluded.support_phone, support_website = excluded.support_website, "
      "escalation_order = excluded.escalation_order, "
      "escalation_minutes_per_case = excluded.escalation_minutes_per_case, "
      "internal_hourly_cost = excluded.internal_hourly_cost, internal_cost_currency = excluded.internal_cost_currency, "
      "prepaid_low_balance_percent = excluded.prepaid_low_balance_percent, "
      "customer_users_any_domain = excluded.customer_users_any_domain"));
  stmt->BindAll(s.default_plan, s.support_email, s.support_phone, s.support_website, JoinNames(s.escalation_order),
                s.escalation_minutes_per_case, s.internal_hourly_cost, s.internal_cost_currency,
                s.prepaid_low_balance_percent, s.customer_users_any_domain);
  return stmt->Run();
}

Result<std::optional<core::IdempotencyRecord>> SqliteTx::FindIdempotency(UserId user,
                                                                        std::string_view key) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT request_hash, resource, resource_id, parent_id, created_at FROM idempotency_keys "
      "WHERE user_id = ? AND key = ?"));
  stmt->BindAll(user, key);
  if (!TD_TRY(stmt->Step())) return std::optional<core::IdempotencyRecord>();
  return std::optional<core::IdempotencyRecord>(core::IdempotencyRecord{
      user, std::string(key), stmt->Text(0), stmt->Text(1), stmt->Int64(2), stmt->Int64(3),
      FromUnixMillis(stmt->Int64(4))});
}

Result<std::int64_t> SqliteTx::CountTickets() {
  auto stmt = TD_TRY(db_.Prepare("SELECT COUNT(*) FROM tickets"));
  TD_TRY(stmt->Step());
  return stmt->Int64(0);
}

Result<std::vector<TicketId>> SqliteTx::ListSlaWatchDue(Timestamp now, int limit) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id FROM tickets WHERE sla_watch_at IS NOT NULL AND sla_watch_at <= ? "
      "ORDER BY sla_watch_at LIMIT ?"));
  stmt->BindAll(ToUnixMillis(now), limit);
  std::vector<TicketId> ids;
  while (TD_TRY(stmt->Step())) ids.push_back(stmt->IdAt<TicketId>(0));
  return ids;
}

Result<std::vector<TicketId>> SqliteTx::ListLiveTickets(TicketId after, int limit) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending_customer', 'pending_vendor') "
      "AND id > ? ORDER BY id LIMIT ?"));
  stmt->BindAll(after.value, limit);
  std::vector<TicketId> ids;
  while (TD_TRY(stmt->Step())) ids.push_back(stmt->IdAt<TicketId>(0));
  return ids;
}

Result<std::vector<core::OutboxEntry>> SqliteTx::ListOutbox(std::int64_t after_id, int limit) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id, event_id, topic, ticket_id, created_at, delivered_at, attempts FROM outbox "
      "WHERE id > ? ORDER BY id LIMIT ?"));
  stmt->BindAll(after_id, limit);
  std::vector<core::OutboxEntry> entries;
  while (TD_TRY(stmt->Step())) {
    entries.push_back({stmt->Int64(0), stmt->Int64(1), stmt->Text(2), stmt->IdAt<TicketId>(3),
                       FromUnixMillis(stmt->Int64(4)), OptionalTimestamp(*stmt, 5),
                       static_cast<int>(stmt->Int64(6))});
  }
  return entries;
}

Result<std::optional<std::string>> SqliteTx::GetJobState(std::string_view name) {
  auto stmt = TD_TRY(db_.Prepare("SELECT value FROM job_state WHERE name = ?"));
  stmt->BindAll(name);
  if (!TD_TRY(stmt->Step())) return std::optional<std::string>();
  return std::optional<std::string>(stmt->Text(0));
}

Status SqliteTx::InsertOrganization(Organization& org) {
  {
    auto stmt = TD_TRY(db_.Prepare(
        "INSERT INTO organizations (id, kind, name, parent_id, tenant_id, country, locale, time_zone, "
        "created_at) VALUES ((SELECT MAX(COALESCE((SELECT MAX(id) FROM organizations), 0), "
        "(SELECT max_id FROM retired_ids WHERE name = 'organizations')) + 1), ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt->BindAll(std::string(core::ToString(org.kind)), org.name, org.parent_id, org.tenant_id,
                  org.country, org.locale, org.time_zone, ToUnixMillis(org.created_at));
    TD_CHECK(stmt->Run());
  }
  org.id = OrgId{db_.LastInsertId()};
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO organization_domains (domain, organization_id) VALUES (?, ?)"));
  for (const auto& domain : org.domains) {
    stmt->BindAll(domain, org.id);
    TD_CHECK(RunInsert(*stmt, "domains", "the domain " + domain + " already belongs to another organisation"));
    stmt->Reset();
  }
  return Ok();
}

Status SqliteTx::InsertUser(User& user, std::string_view password_hash) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO users (id, organization_id, email, name, role, password_hash, active, created_at) "
      "VALUES ((SELECT MAX(COALESCE((SELECT MAX(id) FROM users), 0), "
      "(SELECT max_id FROM retired_ids WHERE name = 'users')) + 1), ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(user.organization_id, user.email, user.name, std::string(core::ToString(user.role)),
                password_hash, user.active, ToUnixMillis(user.created_at));
  TD_CHECK(RunInsert(*stmt, "email", "a user with this e-mail address exists already"));
  user.id = UserId{db_.LastInsertId()};
  return Ok();
}

Result<core::KnownClient> SqliteTx::FindKnownClient(UserId user, std::string_view address,
                                                   std::string_view device_hash, Timestamp since) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT kind FROM known_clients WHERE user_id = ? AND last_seen >= ? AND "
      "((kind = 'address' AND value = ?) OR (kind = 'device' AND value = ?))"));
  stmt->BindAll(user, ToUnixMillis(since), address, device_hash.empty() ? std::string_view("-") : device_hash);
  core::KnownClient known;
  while (TD_TRY(stmt->Step())) (stmt->Text(0) == "device" ? known.device : known.address) = true;
  return known;
}

Status SqliteTx::RememberClient(UserId user, std::string_view address, std::string_view device_hash, Timestamp at) {
  for (const auto& [kind, value] : {std::pair{"address", address}, std::pair{"device", device_hash}}) {
    if (value.empty()) continue;
    {
      auto stmt = TD_TRY(db_.Prepare(
          "INSERT INTO known_clients (user_id, kind, value, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) "
          "ON CONFLICT (user_id, kind, value) DO UPDATE SET last_seen = excluded.last_seen"));
      stmt->BindAll(user, kind, value, ToUnixMillis(at), ToUnixMillis(at));
      TD_CHECK(stmt->Run());
    }
    auto prune = TD_TRY(db_.Prepare(
        "DELETE FROM known_clients WHERE user_id = ?1 AND kind = ?2 AND value NOT IN "
        "(SELECT value FROM known_clients WHERE user_id = ?1 AND kind = ?2 ORDER BY last_seen DESC, value LIMIT 20)"));
    prune->BindAll(user, kind);
    TD_CHECK(prune->Run());
  }
  return Ok();
}

Status SqliteTx::InsertToken(core::TokenRecord& token) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO tokens (user_id, kind, name, token_hash, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(token.user_id, token.kind == core::TokenKind::kSession ? "session" : "personal",
                token.name, token.token_hash, ToUnixMillis(token.created_at));
  if (token.expires_at) {
    stmt->Bind(6, ToUnixMillis(*token.expires_at));
  } else {
    stmt->BindNull(6);
  }
  TD_CHECK(stmt->Run());
  token.id = TokenId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::UpdateUser(const User& user, std::int64_t expected_version, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE users SET name = ?1, email = ?2, role = ?3, active = ?4, version = ?5, "
      "deactivated_at = CASE WHEN ?4 THEN NULL ELSE COALESCE(deactivated_at, ?6) END "
      "WHERE id = ?7 AND version = ?8"));
  stmt->BindAll(user.name, user.email, std::string(core::ToString(user.role)), user.active, user.version,
                ToUnixMillis(at), user.id, expected_version);
  TD_CHECK(RunInsert(*stmt, "email", "a user with this e-mail address exists already"));
  return CheckUpdated(db_, "user");
}

Status SqliteTx::SetUserTeams(UserId user, const std::vector<TeamId>& teams) {
  {
    auto stmt = TD_TRY(db_.Prepare("DELETE FROM team_members WHERE user_id = ?"));
    stmt->BindAll(user);
    TD_CHECK(stmt->Run());
  }
  auto stmt = TD_TRY(db_.Prepare("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)"));
  for (const auto team : teams) {
    stmt->BindAll(team, user);
    TD_CHECK(stmt->Run());
    stmt->Reset();
  }
  return Ok();
}

Status SqliteTx::SetPasswordHash(UserId user, std::string_view password_hash) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  stmt->BindAll(password_hash, user);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("user"));
  return Ok();
}

Status SqliteTx::RevokeToken(TokenId id, Timestamp at) {
  // Only a live token is revoked: an already revoked or expired one is as absent as an unknown one.
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE tokens SET revoked_at = ?1 WHERE id = ?2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?1)"));
  stmt->BindAll(ToUnixMillis(at), id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("token"));
  return Ok();
}

Result<std::int64_t> SqliteTx::RevokeSessions(UserId user, TokenId except, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE tokens SET revoked_at = ?1 WHERE user_id = ?2 AND kind = 'session' AND (?3 IS NULL OR id <> ?3) "
      "AND revoked_at IS NULL"));
  stmt->BindAll(ToUnixMillis(at), user, except);
  TD_CHECK(stmt->Run());
  return static_cast<std::int64_t>(db_.Changes());
}

Result<std::int64_t> SqliteTx::RevokeTokens(UserId user, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE tokens SET revoked_at = ?1 WHERE user_id = ?2 AND revoked_at IS NULL"));
  stmt->BindAll(ToUnixMillis(at), user);
  TD_CHECK(stmt->Run());
  return static_cast<std::int64_t>(db_.Changes());
}

Result<std::int64_t> SqliteTx::RevokeOrganizationSessions(OrgId org, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE tokens SET revoked_at = ?1 WHERE kind = 'session' AND revoked_at IS NULL AND user_id IN "
      "(SELECT id FROM users WHERE organization_id = ?2)"));
  stmt->BindAll(ToUnixMillis(at), org);
  TD_CHECK(stmt->Run());
  return static_cast<std::int64_t>(db_.Changes());
}

Status SqliteTx::TouchToken(TokenId id, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE tokens SET last_used_at = ? WHERE id = ?"));
  stmt->BindAll(ToUnixMillis(at), id);
  return stmt->Run();
}

Status SqliteTx::InsertPasswordReset(core::PasswordReset& reset) {
  {
    auto spend = TD_TRY(db_.Prepare("UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL"));
    spend->BindAll(ToUnixMillis(reset.created_at), reset.user_id);
    TD_CHECK(spend->Run());
  }
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO password_resets (user_id, token_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)"));
  stmt->BindAll(reset.user_id, reset.token_hash, reset.created_by, ToUnixMillis(reset.created_at),
                ToUnixMillis(reset.expires_at));
  TD_CHECK(stmt->Run());
  reset.id = db_.LastInsertId();
  return Ok();
}

Status SqliteTx::UsePasswordReset(std::int64_t id, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE password_resets SET used_at = ? WHERE id = ? AND used_at IS NULL"));
  stmt->BindAll(ToUnixMillis(at), id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::Conflict("the reset was used already"));
  return Ok();
}

Status SqliteTx::DeleteUser(UserId user) {
  const auto references = TD_TRY(ListUserReferences(user));
  if (!references.empty()) return Fail(Error::Conflict("the user is still referred to", "in-use"));
  for (const char* sql : {"DELETE FROM tokens WHERE user_id = ?", "DELETE FROM known_clients WHERE user_id = ?",
                          "DELETE FROM password_resets WHERE user_id = ?"}) {
    auto stmt = TD_TRY(db_.Prepare(sql));
    stmt->BindAll(user);
    TD_CHECK(stmt->Run());
  }
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM users WHERE id = ?"));
  stmt->BindAll(user);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("user"));
  return Ok();
}

Status SqliteTx::InsertTeam(core::Team& team) {
  {
    auto stmt = TD_TRY(db_.Prepare("INSERT INTO teams (name, created_at, assignment, tier) VALUES (?, ?, ?, ?)"));
    stmt->BindAll(team.name, ToUnixMillis(team.created_at), std::string(core::ToString(team.assignment)), team.tier);
    TD_CHECK(RunInsert(*stmt, "name", "a team with this name exists already"));
  }
  team.id = TeamId{db_.LastInsertId()};
  for (const auto member : team.members) {
    auto stmt = TD_TRY(db_.Prepare("INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)"));
    stmt->BindAll(team.id, member);
    TD_CHECK(stmt->Run());
  }
  return Ok();
}

Status SqliteTx::InsertService(const core::Service& service) {
  auto stmt = TD_TRY(db_.Prepare("INSERT INTO services (code, name, builtin) VALUES (?, ?, ?)"));
  stmt->BindAll(service.code, service.name, service.builtin);
  return RunInsert(*stmt, "code", "a service with this code exists already");
}

Status SqliteTx::UpdateOrganization(const Organization& org, std::int64_t expected_version) {
  {
    auto stmt = TD_TRY(db_.Prepare(
        "UPDATE organizations SET name = ?, parent_id = ?, tenant_id = ?, country = ?, locale = ?, time_zone = ?, "
        "deactivated_at = ?, version = ? WHERE id = ? AND version = ?"));
    stmt->BindAll(org.name, org.parent_id, org.tenant_id, org.country, org.locale, org.time_zone,
                  OptionalMillis(org.deactivated_at), org.version, org.id, expected_version);
    TD_CHECK(stmt->Run());
    TD_CHECK(CheckUpdated(db_, "organisation"));
  }
  {
    auto clear = TD_TRY(db_.Prepare("DELETE FROM organization_domains WHERE organization_id = ?"));
    clear->BindAll(org.id);
    TD_CHECK(clear->Run());
  }
  auto stmt = TD_TRY(db_.Prepare("INSERT INTO organization_domains (domain, organization_id) VALUES (?, ?)"));
  for (const auto& domain : org.domains) {
    stmt->BindAll(domain, org.id);
    TD_CHECK(RunInsert(*stmt, "domains", "the domain " + domain + " already belongs to another organisation"));
    stmt->Reset();
  }
  return Ok();
}

Status SqliteTx::DeleteOrganization(OrgId id) {
  const auto references = TD_TRY(ListOrganizationReferences(id));
  if (!references.empty()) return Fail(Error::Conflict("the organisation is still referred to", "in-use"));
  {
    auto stmt = TD_TRY(db_.Prepare("DELETE FROM organization_domains WHERE organization_id = ?"));
    stmt->BindAll(id);
    TD_CHECK(stmt->Run());
  }
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM organizations WHERE id = ?"));
  stmt->BindAll(id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("organization"));
  return Ok();
}

Status SqliteTx::SetCustomerReseller(OrgId customer, OrgId reseller) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE tickets SET reseller_id = ? WHERE customer_id = ?"));
  stmt->BindAll(reseller, customer);
  return stmt->Run();
}

Status SqliteTx::UpdateSubscription(const core::Subscription& s, std::int64_t expected_version) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE subscriptions SET customer_id = ?, service = ?, name = ?, support_contact_id = ?, new_commerce = ?, "
      "status = ?, cancelled_at = ?, version = ? WHERE id = ? AND version = ?"));
  stmt->BindAll(s.customer_id, s.service, s.name, s.support_contact_id, s.new_commerce,
                std::string(core::ToString(s.status)), OptionalMillis(s.cancelled_at), s.version, s.id,
                expected_version);
  TD_CHECK(stmt->Run());
  return CheckUpdated(db_, "subscription");
}

Status SqliteTx::AppendSubscriptionHistory(core::SubscriptionHistoryEntry& e) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO subscription_history (subscription_id, action, field, before, after, actor_id, reason, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(e.subscription_id, e.action, e.field, e.before, e.after, e.actor_id, e.reason,
                ToUnixMillis(e.created_at));
  TD_CHECK(stmt->Run());
  e.id = db_.LastInsertId();
  return Ok();
}

Status SqliteTx::InsertSubscription(core::Subscription& s) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO subscriptions (customer_id, service, external_id, name, support_contact_id, "
      "new_commerce, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(s.customer_id, s.service, s.external_id, s.name, s.support_contact_id,
                s.new_commerce, ToUnixMillis(s.created_at));
  TD_CHECK(RunInsert(*stmt, "subscription_id", "this Microsoft subscription is registered already"));
  s.id = SubscriptionId{db_.LastInsertId()};
  return Ok();
}

namespace {
// An incident is counted the first time its ticket is resolved (or closed without being resolved).
bool IsResolved(core::TicketStatus status) {
  return status == core::TicketStatus::kResolved || status == core::TicketStatus::kClosed;
}
}  // namespace

Status SqliteTx::InsertTicket(Ticket& t) {
  {
    auto stmt = TD_TRY(db_.Prepare(
        "INSERT INTO tickets (customer_id, requester_id, reseller_id, provider_id, channel, service, "
        "category, severity, subject, status, team_id, assignee_id, subscription_id, tags, fields, "
        "version, created_at, updated_at, scope, agreement_id, plan_id, plan_version, quote_currency, "
        "quote_hourly_rate, quote_increment_minutes, quote_minimum_minutes, statement_hash, sla, "
        "sla_due_at, sla_breached, sla_watch_at, holder, underpinning, first_resolved_at, search_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"));
    stmt->BindAll(t.customer_id, t.requester_id, t.reseller_id, t.provider_id,
                  std::string(core::ToString(t.channel)), t.service,
                  std::string(core::ToString(t.category)), std::string(core::ToString(t.severity)),
                  t.subject, std::string(core::ToString(t.status)), t.team_id, t.assignee_id,
                  t.subscription_id, core::JoinTags(t.tags), EncodeFields(t.fields), t.version,
                  ToUnixMillis(t.created_at), ToUnixMillis(t.updated_at), t.scope, t.agreement_id, t.plan_id,
                  t.plan_version, t.quote_currency, t.quote_hourly_rate, t.quote_increment_minutes,
                  t.quote_minimum_minutes, t.statement_hash, core::EncodeSla(t.sla),
                  OptionalMillis(t.sla_due_at), t.sla_breached, OptionalMillis(t.sla_watch_at),
                  std::string(core::ToString(t.holder)), core::EncodeSla(t.underpinning),
                  IsResolved(t.status) ? std::optional<std::int64_t>(ToUnixMillis(t.updated_at)) : std::nullopt);
    TD_CHECK(stmt->Run());
  }
  t.id = TicketId{db_.LastInsertId()};
  for (const auto& tag : t.tags) {
    auto stmt = TD_TRY(db_.Prepare("INSERT INTO ticket_tags (tag, ticket_id) VALUES (?, ?)"));
    stmt->BindAll(tag, t.id);
    TD_CHECK(stmt->Run());
  }
  // The subject is the ticket's first search document: sequence 1, set by the insert above.
  search_.push_back({(t.id.value << kSearchShift) | (1 << 1), t.subject});
  return Ok();
}

Status SqliteTx::UpdateTicket(const Ticket& t, std::int64_t expected_version) {
  std::string old_subject;
  std::string old_tags;
  {
    auto stmt = TD_TRY(db_.Prepare("SELECT subject, tags, version FROM tickets WHERE id = ?"));
    stmt->BindAll(t.id);
    if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("ticket"));
    if (stmt->Int64(2) != expected_version) {
      return Fail(Error::PreconditionFailed("the ticket was changed by someone else; reload it"));
    }
    old_subject = stmt->Text(0);
    old_tags = stmt->Text(1);
  }
  {
    auto stmt = TD_TRY(db_.Prepare(
        "UPDATE tickets SET reseller_id = ?, provider_id = ?, service = ?, category = ?, "
        "severity = ?, subject = ?, status = ?, team_id = ?, assignee_id = ?, subscription_id = ?, "
        "tags = ?, fields = ?, version = ?, updated_at = ?, agreement_id = ?, plan_id = ?, "
        "plan_version = ?, sla = ?, sla_due_at = ?, sla_breached = ?, sla_watch_at = ?, holder = ?, "
        "underpinning = ?, scope = ?, quote_currency = ?, quote_hourly_rate = ?, quote_increment_minutes = ?, "
        "quote_minimum_minutes = ?, first_resolved_at = CASE WHEN ? THEN COALESCE(first_resolved_at, ?) "
        "ELSE first_resolved_at END WHERE id = ? AND version = ?"));
    stmt->BindAll(t.reseller_id, t.provider_id, t.service, std::string(core::ToString(t.category)),
                  std::string(core::ToString(t.severity)), t.subject,
                  std::string(core::ToString(t.status)), t.team_id, t.assignee_id,
                  t.subscription_id, core::JoinTags(t.tags), EncodeFields(t.fields), t.version,
                  ToUnixMillis(t.updated_at), t.agreement_id, t.plan_id, t.plan_version,
                  core::EncodeSla(t.sla), OptionalMillis(t.sla_due_at), t.sla_breached,
                  OptionalMillis(t.sla_watch_at), std::string(core::ToString(t.holder)),
                  core::EncodeSla(t.underpinning), t.scope, t.quote_currency, t.quote_hourly_rate,
                  t.quote_increment_minutes, t.quote_minimum_minutes, IsResolved(t.status),
                  ToUnixMillis(t.updated_at), t.id, expected_version);
    TD_CHECK(stmt->Run());
    if (db_.Changes() != 1) {
      return Fail(Error::PreconditionFailed("the ticket was changed by someone else; reload it"));
    }
  }
  const std::string new_tags = core::JoinTags(t.tags);
  if (new_tags != old_tags) {
    {
      auto stmt = TD_TRY(db_.Prepare("DELETE FROM ticket_tags WHERE ticket_id = ? AND tag = ?"));
      for (const auto& tag : SplitTags(old_tags)) {
        stmt->BindAll(t.id, tag);
        TD_CHECK(stmt->Run());
    stmt->Reset();
      }
    }
    for (const auto& tag : t.tags) {
      auto stmt = TD_TRY(db_.Prepare("INSERT INTO ticket_tags (tag, ticket_id) VALUES (?, ?)"));
      stmt->BindAll(tag, t.id);
      TD_CHECK(stmt->Run());
    }
  }
  // A renamed ticket is found by its new subject; the old one stays searchable too.
  if (t.subject != old_subject) TD_CHECK(IndexText(t.id, t.subject, false));
  return Ok();
}

Status SqliteTx::TouchTicket(TicketId id, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE tickets SET updated_at = MAX(updated_at, ?) WHERE id = ?"));
  stmt->BindAll(ToUnixMillis(at), id);
  return stmt->Run();
}

Status SqliteTx::SaveTicketSla(const Ticket& t) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE tickets SET sla = ?, sla_due_at = ?, sla_breached = ?, sla_watch_at = ?, "
      "underpinning = ?, updated_at = MAX(updated_at, ?) WHERE id = ?"));
  stmt->BindAll(core::EncodeSla(t.sla), OptionalMillis(t.sla_due_at), t.sla_breached,
                OptionalMillis(t.sla_watch_at), core::EncodeSla(t.underpinning), ToUnixMillis(t.updated_at), t.id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("ticket"));
  return Ok();
}

Status SqliteTx::InsertOutbox(core::OutboxEntry& e) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO outbox (event_id, topic, ticket_id, created_at, delivered_at, attempts) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(e.event_id, e.topic, e.ticket_id, ToUnixMillis(e.created_at), OptionalMillis(e.delivered_at),
                e.attempts);
  TD_CHECK(stmt->Run());
  e.id = db_.LastInsertId();
  return Ok();
}

Status SqliteTx::PutJobState(std::string_view name, std::string_view value) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO job_state (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value"));
  stmt->BindAll(name, value);
  return stmt->Run();
}

Status SqliteTx::InsertMessage(Message& m) {
  {
    auto stmt = TD_TRY(db_.Prepare(
        "INSERT INTO messages (ticket_id, author_id, author_org_id, kind, body, email_message_id, "
        "created_at, shared) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt->BindAll(m.ticket_id, m.author_id, m.author_org_id, std::string(core::ToString(m.kind)),
                  m.body, m.email_message_id, ToUnixMillis(m.created_at), m.shared_with_provider);
    TD_CHECK(stmt->Run());
  }
  m.id = MessageId{db_.LastInsertId()};
  return IndexText(m.ticket_id, m.body, core::IsInternal(m.kind));
}

// A plain SELECT and UPDATE rather than UPDATE ... RETURNING: a RETURNING statement makes FTS5
// flush its pending terms, which cost a third of the writer's time (see docs/performance.md).
Status SqliteTx::IndexText(TicketId ticket, std::string_view text, bool internal) {
  std::int64_t seq = 0;
  {
    auto stmt = TD_TRY(db_.Prepare("SELECT search_seq FROM tickets WHERE id = ?"));
    stmt->BindAll(ticket);
    if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("ticket"));
    seq = stmt->Int64(0) + 1;
  }
  constexpr std::int64_t kMaxSeq = (std::int64_t{1} << (kSearchShift - 1)) - 1;
  if (seq > kMaxSeq) return Ok();  // a million documents on one ticket: stop indexing it
  search_.push_back({(ticket.value << kSearchShift) | (seq << 1) | (internal ? 1 : 0), std::string(text)});
  auto stmt = TD_TRY(db_.Prepare("UPDATE tickets SET search_seq = ? WHERE id = ?"));
  stmt->BindAll(seq, ticket);
  return stmt->Run();
}

Status SqliteTx::WriteSearch() {
  search_.resize(search_kept_);
  for (const auto& document : search_) {
    auto stmt = TD_TRY(db_.Prepare("INSERT INTO ticket_search (rowid, text) VALUES (?, ?)"));
    stmt->BindAll(document.rowid, document.text);
    TD_CHECK(stmt->Run());
  }
  search_.clear();
  search_kept_ = 0;
  return Ok();
}

Status SqliteTx::InsertAttachment(Attachment& a) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO attachments (ticket_id, message_id, sha256, size, content_type, filename, "
      "uploaded_by, internal, created_at, shared) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(a.ticket_id, a.message_id, a.sha256, a.size, a.content_type, a.filename,
                a.uploaded_by, a.internal, ToUnixMillis(a.created_at), a.shared);
  TD_CHECK(stmt->Run());
  a.id = AttachmentId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::AppendEvent(Event& e) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO events (ticket_id, actor_id, action, field, before, after, internal, created_at, via, shared, "
      "client_address) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(e.ticket_id, e.actor_id, e.action, e.field, e.before, e.after, e.internal,
                ToUnixMillis(e.created_at), e.via, e.shared, e.client_address);
  TD_CHECK(stmt->Run());
  e.id = db_.LastInsertId();
  return Ok();
}

Status SqliteTx::InsertIdempotency(const core::IdempotencyRecord& r) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO idempotency_keys (user_id, key, request_hash, resource, resource_id, parent_id, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(r.user_id, r.key, r.request_hash, r.resource, r.resource_id, r.parent_id,
                ToUnixMillis(r.created_at));
  return stmt->Run();
}

Status SqliteTx::UpdateTeam(const core::Team& team) {
  {
    auto stmt = TD_TRY(db_.Prepare(
        "UPDATE teams SET name = ?, assignment = ?, tier = ?, last_assigned = ? WHERE id = ?"));
    stmt->BindAll(team.name, std::string(core::ToString(team.assignment)), team.tier, team.last_assigned, team.id);
    TD_CHECK(RunInsert(*stmt, "name", "a team with this name exists already"));
    if (db_.Changes() != 1) return Fail(Error::NotFound("team"));
  }
  {
    auto stmt = TD_TRY(db_.Prepare("DELETE FROM team_members WHERE team_id = ?"));
    stmt->BindAll(team.id);
    TD_CHECK(stmt->Run());
  }
  auto stmt = TD_TRY(db_.Prepare("INSERT OR IGNORE INTO team_members (team_id, user_id) VALUES (?, ?)"));
  for (const auto member : team.members) {
    stmt->BindAll(team.id, member);
    TD_CHECK(stmt->Run());
    stmt->Reset();
  }
  return Ok();
}

Status SqliteTx::SetTeamCursor(TeamId team, UserId last_assigned) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE teams SET last_assigned = ? WHERE id = ?"));
  stmt->BindAll(last_assigned, team);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("team"));
  return Ok();
}

Result<core::ReadTx::TeamRoster> SqliteTx::GetTeamRoster(TeamId id) {
  // The team's row on every line; a team without members gives one line of NULL users.
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT u.id, u.organization_id, u.email, u.name, u.role, u.active, u.created_at, u.away, u.shift_calendar_id, "
      "t.id, t.name, t.created_at, t.assignment, t.tier, t.last_assigned "
      "FROM teams t LEFT JOIN team_members m ON m.team_id = t.id LEFT JOIN users u ON u.id = m.user_id "
      "WHERE t.id = ? ORDER BY m.user_id"));  // the primary key's order: no sort
  stmt->BindAll(id);
  TeamRoster roster;
  bool found = false;
  while (TD_TRY(stmt->Step())) {
    if (!found) {
      roster.team.id = stmt->IdAt<TeamId>(9);
      roster.team.name = stmt->Text(10);
      roster.team.created_at = FromUnixMillis(stmt->Int64(11));
      roster.team.assignment = core::ParseAssignment(stmt->Text(12)).value_or(core::Assignment::kManual);
      roster.team.tier = static_cast<int>(stmt->Int64(13));
      roster.team.last_assigned = stmt->IdAt<UserId>(14);
      found = true;
    }
    if (!stmt->IsNull(0)) roster.members.push_back(ReadUser(*stmt));
  }
  if (!found) return Fail(Error::NotFound("team"));
  return roster;
}

Status SqliteTx::UpdateUserAvailability(UserId user, bool away, CalendarId shift_calendar) {
  auto stmt = TD_TRY(db_.Prepare("UPDATE users SET away = ?, shift_calendar_id = ? WHERE id = ?"));
  stmt->BindAll(away, shift_calendar, user);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("user"));
  return Ok();
}

Result<std::unordered_map<UserId, std::int64_t>> SqliteTx::CountLiveTicketsByAssignee(
    const std::vector<UserId>& users) {
  std::unordered_map<UserId, std::int64_t> counts;
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT COUNT(*) FROM tickets WHERE assignee_id = ? "
      "AND status IN ('new', 'open', 'pending_customer', 'pending_vendor')"));
  for (const auto user : users) {
    stmt->BindAll(user);
    if (TD_TRY(stmt->Step()) && stmt->Int64(0) > 0) counts[user] = stmt->Int64(0);
    stmt->Reset();
  }
  return counts;
}

Result<std::optional<core::ProviderContract>> SqliteTx::GetProviderContract(OrgId provider) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT provider_id, currency, hourly_cost, hours, targets, version, updated_at "
      "FROM provider_contracts WHERE provider_id = ?"));
  stmt->BindAll(provider);
  if (!TD_TRY(stmt->Step())) return std::optional<core::ProviderContract>();
  core::ProviderContract c;
  c.provider = stmt->IdAt<OrgId>(0);
  c.currency = stmt->Text(1);
  c.hourly_cost = stmt->Int64(2);
  c.hours = stmt->IdAt<CalendarId>(3);
  c.targets = TD_TRY(core::DecodeTargets(stmt->Text(4)));
  c.version = stmt->Int64(5);
  c.updated_at = FromUnixMillis(stmt->Int64(6));
  return std::optional<core::ProviderContract>(std::move(c));
}

Status SqliteTx::PutProviderContract(const core::ProviderContract& c) {
  std::int64_t stored = 0;
  {
    auto stmt = TD_TRY(db_.Prepare("SELECT version FROM provider_contracts WHERE provider_id = ?"));
    stmt->BindAll(c.provider);
    if (TD_TRY(stmt->Step())) stored = stmt->Int64(0);
  }
  if (c.version != stored + 1) {
    return Fail(Error::PreconditionFailed("the contract was changed by someone else; reload it"));
  }
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO provider_contracts (provider_id, currency, hourly_cost, hours, targets, version, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(provider_id) DO UPDATE SET currency = excluded.currency, "
      "hourly_cost = excluded.hourly_cost, hours = excluded.hours, targets = excluded.targets, "
      "version = excluded.version, updated_at = excluded.updated_at"));
  stmt->BindAll(c.provider, c.currency, c.hourly_cost, c.hours, core::EncodeTargets(c.targets), c.version,
                ToUnixMillis(c.updated_at));
  return stmt->Run();
}

namespace {
constexpr const char* kTimeEntryColumns =
    "id, ticket_id, user_id, org_id, minutes, note, cost_currency, cost_hourly_rate, cost_amount, "
    "price_currency, price_hourly_rate, price_amount, worked_at, created_at, billable, activity, version, updated_at, "
    "after_hours_minutes";
core::TimeEntry ReadTimeEntry(const Statement& s, int at = 0) {
  core::TimeEntry e;
  e.id = s.Int64(at + 0);
  e.ticket_id = s.IdAt<TicketId>(at + 1);
  e.user_id = s.IdAt<UserId>(at + 2);
  e.org_id = s.IdAt<OrgId>(at + 3);
  e.minutes = s.Int64(at + 4);
  e.note = s.Text(at + 5);
  e.cost_currency = s.Text(at + 6);
  e.cost_hourly_rate = s.Int64(at + 7);
  e.cost_amount = s.Int64(at + 8);
  e.price_currency = s.Text(at + 9);
  e.price_hourly_rate = s.Int64(at + 10);
  e.price_amount = s.Int64(at + 11);
  e.worked_at = FromUnixMillis(s.Int64(at + 12));
  e.created_at = FromUnixMillis(s.Int64(at + 13));
  e.billable = s.Int64(at + 14) != 0;
  e.activity = core::ParseActivity(s.Text(at + 15)).value_or(core::Activity::kRemote);
  e.version = s.Int64(at + 16);
  e.updated_at = FromUnixMillis(s.Int64(at + 17));
  e.after_hours_minutes = s.Int64(at + 18);
  return e;
}
}  // namespace

Result<std::vector<core::TimeEntry>> SqliteTx::ListTimeEntries(TicketId ticket, OrgId org) {
  std::string sql = std::string("SELECT ") + kTimeEntryColumns + " FROM time_entries WHERE ticket_id = ?";
  if (org.valid()) sql += " AND org_id = ?";
  sql += " ORDER BY id";
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->Bind(1, ticket);
  if (org.valid()) stmt->Bind(2, org);
  std::vector<core::TimeEntry> entries;
  while (TD_TRY(stmt->Step())) entries.push_back(ReadTimeEntry(*stmt));
  return entries;
}

Status SqliteTx::InsertTimeEntry(core::TimeEntry& e) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO time_entries (ticket_id, user_id, org_id, minutes, note, cost_currency, cost_hourly_rate, "
      "cost_amount, price_currency, price_hourly_rate, price_amount, worked_at, created_at, billable, activity, "
      "version, updated_at, after_hours_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  if (e.updated_at == Timestamp{}) e.updated_at = e.created_at;
  stmt->BindAll(e.ticket_id, e.user_id, e.org_id, e.minutes, e.note, e.cost_currency, e.cost_hourly_rate,
                e.cost_amount, e.price_currency, e.price_hourly_rate, e.price_amount, ToUnixMillis(e.worked_at),
                ToUnixMillis(e.created_at), e.billable, core::ToString(e.activity), e.version,
                ToUnixMillis(e.updated_at), e.after_hours_minutes);
  TD_CHECK(stmt->Run());
  e.id = db_.LastInsertId();
  return Ok();
}

Status SqliteTx::UpdateTimeEntry(const core::TimeEntry& e, std::int64_t expected_version) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE time_entries SET minutes = ?, note = ?, cost_amount = ?, price_amount = ?, worked_at = ?, "
      "billable = ?, activity = ?, version = ?, updated_at = ?, after_hours_minutes = ? WHERE id = ? AND version = ?"));
  stmt->BindAll(e.minutes, e.note, e.cost_amount, e.price_amount, ToUnixMillis(e.worked_at), e.billable,
                core::ToString(e.activity), e.version, ToUnixMillis(e.updated_at), e.after_hours_minutes, e.id,
                expected_version);
  TD_CHECK(stmt->Run());
  return CheckUpdated(db_, "time entry");
}

Result<core::TimeEntry> SqliteTx::GetTimeEntry(std::int64_t id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kTimeEntryColumns + " FROM time_entries WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("time entry"));
  return ReadTimeEntry(*stmt);
}

// ---- Billing ---------------------------------------------------------------------------------

namespace {

// "AND t.customer_id = ?" when one customer is asked for.
std::string CustomerFilter(OrgId customer, const char* column) {
  return customer.valid() ? std::string(" AND ") + column + " = ?" : std::string();
}

std::string JoinIds(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (const auto id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::vector<std::int64_t> SplitIds(std::string_view text) {
  std::vector<std::int64_t> ids;
  for (const auto part : Split(text, ',')) {
    if (!part.empty()) ids.push_back(std::stoll(std::string(part)));
  }
  return ids;
}

}  // namespace

Result<std::vector<core::PeriodEntry>> SqliteTx::ListPeriodEntries(Timestamp from, Timestamp to, OrgId customer) {
  // Every customer: a scan of the covering index time_entries_worked alone. One customer: its
  // tickets' entries by ticket.
  const std::string columns =
      "e.id, e.ticket_id, e.minutes, e.billable, e.activity, e.worked_at, "
      "e.org_id IN (SELECT id FROM organizations WHERE kind = 'provider'), e.cost_currency, e.cost_amount, "
      "e.after_hours_minutes";
  std::string sql = customer.valid()
                        ? "SELECT " + columns + " FROM tickets t JOIN time_entries e ON e.ticket_id = t.id "
                                                "WHERE t.customer_id = ?3 AND e.worked_at >= ?1 AND e.worked_at < ?2"
                        : "SELECT " + columns + " FROM time_entries e WHERE e.worked_at >= ?1 AND e.worked_at < ?2";
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->Bind(1, ToUnixMillis(from));
  stmt->Bind(2, ToUnixMillis(to));
  if (customer.valid()) stmt->Bind(3, customer);
  std::vector<core::PeriodEntry> out;
  while (TD_TRY(stmt->Step())) {
    core::PeriodEntry e;
    e.id = stmt->Int64(0);
    e.ticket = stmt->IdAt<TicketId>(1);
    e.minutes = stmt->Int64(2);
    e.billable = stmt->Int64(3) != 0;
    e.activity = core::ParseActivity(stmt->Text(4)).value_or(core::Activity::kRemote);
    e.worked_at = FromUnixMillis(stmt->Int64(5));
    e.by_provider = stmt->Int64(6) != 0;
    if (e.by_provider) e.cost_currency = stmt->Text(7);
    e.cost_amount = stmt->Int64(8);
    e.after_hours_minutes = stmt->Int64(9);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<core::PeriodTicket>> SqliteTx::ListPeriodTickets(Timestamp from, Timestamp to, OrgId customer) {
  const std::string filter = CustomerFilter(customer, "customer_id");
  const std::string sql =
      "SELECT id, customer_id, subject, scope, quote_currency, quote_hourly_rate, quote_increment_minutes, "
      "quote_minimum_minutes, first_resolved_at FROM tickets WHERE ((first_resolved_at >= ?1 AND first_resolved_at < ?2) "
      "OR id IN (SELECT ticket_id FROM time_entries WHERE worked_at >= ?1 AND worked_at < ?2))" +
      (customer.valid() ? std::string(" AND customer_id = ?3") : std::string()) + " ORDER BY customer_id, id";
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->Bind(1, ToUnixMillis(from));
  stmt->Bind(2, ToUnixMillis(to));
  if (customer.valid()) stmt->Bind(3, customer);
  std::vector<core::PeriodTicket> out;
  while (TD_TRY(stmt->Step())) {
    core::PeriodTicket t;
    t.id = stmt->IdAt<TicketId>(0);
    t.customer = stmt->IdAt<OrgId>(1);
    t.subject = stmt->Text(2);
    t.scope = stmt->Text(3);
    t.quote = {stmt->Text(4), stmt->Int64(5), static_cast<int>(stmt->Int64(6)), static_cast<int>(stmt->Int64(7))};
    t.first_resolved_at = OptionalTimestamp(*stmt, 8);
    out.push_back(std::move(t));
  }
  return out;
}

Result<std::vector<core::PrepaidPurchase>> SqliteTx::ListPrepaidPurchases(OrgId customer) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id, customer_id, unit, quantity, price, currency, purchased_on, created_by, created_at FROM prepaid_blocks "
      "WHERE 1 = 1" + CustomerFilter(customer, "customer_id") + " ORDER BY customer_id, purchased_on, id"));
  if (customer.valid()) stmt->Bind(1, customer);
  std::vector<core::PrepaidPurchase> out;
  while (TD_TRY(stmt->Step())) {
    core::PrepaidPurchase p;
    p.id = stmt->Int64(0);
    p.customer = stmt->IdAt<OrgId>(1);
    p.unit = core::ParseBlockUnit(stmt->Text(2)).value_or(core::Pricing::BlockUnit::kHours);
    p.quantity = stmt->Int64(3);
    p.price = stmt->Int64(4);
    p.currency = stmt->Text(5);
    p.purchased_on = stmt->Int64(6);
    p.created_by = stmt->IdAt<UserId>(7);
    p.created_at = FromUnixMillis(stmt->Int64(8));
    out.push_back(std::move(p));
  }
  return out;
}

Status SqliteTx::InsertPrepaidPurchase(core::PrepaidPurchase& p) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO prepaid_blocks (customer_id, unit, quantity, price, currency, purchased_on, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(p.customer, core::ToString(p.unit), p.quantity, p.price, p.currency, p.purchased_on, p.created_by,
                ToUnixMillis(p.created_at));
  TD_CHECK(stmt->Run());
  p.id = db_.LastInsertId();
  return Ok();
}

Result<std::vector<core::ClosedPeriod>> SqliteTx::ListClosedPeriods(OrgId customer) {
  auto stmt = TD_TRY(db_.Prepare("SELECT customer_id, period, closed_at, closed_by FROM billing_periods WHERE 1 = 1" +
                                 CustomerFilter(customer, "customer_id") + " ORDER BY customer_id, period"));
  if (customer.valid()) stmt->Bind(1, customer);
  std::vector<core::ClosedPeriod> out;
  while (TD_TRY(stmt->Step())) {
    out.push_back({stmt->IdAt<OrgId>(0), stmt->Text(1), FromUnixMillis(stmt->Int64(2)), stmt->IdAt<UserId>(3)});
  }
  return out;
}

Status SqliteTx::InsertClosedPeriod(const core::ClosedPeriod& p) {
  auto stmt = TD_TRY(
      db_.Prepare("INSERT INTO billing_periods (customer_id, period, closed_at, closed_by) VALUES (?, ?, ?, ?)"));
  stmt->BindAll(p.customer, p.period, ToUnixMillis(p.closed_at), p.closed_by);
  return RunInsert(*stmt, "period", "the period is closed already");
}

Result<std::vector<core::BilledLine>> SqliteTx::ListBilledLines(OrgId customer, std::string_view period) {
  std::string sql =
      "SELECT customer_id, period, kind, ticket_id, description, rule, quantity, unit, unit_price, amount, currency, "
      "entries, block_id, adjusts FROM billing_lines WHERE (period = ?1 OR adjusts = ?1)";
  if (customer.valid()) sql += " AND customer_id = ?2";
  sql += " ORDER BY customer_id, id";
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->Bind(1, period);
  if (customer.valid()) stmt->Bind(2, customer);
  std::vector<core::BilledLine> out;
  while (TD_TRY(stmt->Step())) {
    core::ChargeLine line;
    line.kind = core::ParseLineKind(stmt->Text(2)).value_or(core::LineKind::kAdjustment);
    line.ticket = stmt->IdAt<TicketId>(3);
    line.description = stmt->Text(4);
    line.rule = stmt->Text(5);
    line.quantity = stmt->Int64(6);
    line.unit = stmt->Text(7);
    line.unit_price = stmt->Int64(8);
    line.amount = stmt->Int64(9);
    line.currency = stmt->Text(10);
    line.entries = SplitIds(stmt->Text(11));
    line.block = stmt->Int64(12);
    line.adjusts = stmt->Text(13);
    out.push_back({stmt->IdAt<OrgId>(0), stmt->Text(1), std::move(line)});
  }
  return out;
}

Status SqliteTx::InsertBilledLines(OrgId customer, std::string_view period, const std::vector<core::ChargeLine>& lines) {
  for (const auto& line : lines) {
    auto stmt = TD_TRY(db_.Prepare(
        "INSERT INTO billing_lines (customer_id, period, kind, ticket_id, description, rule, quantity, unit, unit_price, "
        "amount, currency, entries, block_id, adjusts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    stmt->BindAll(customer, period, core::ToString(line.kind), line.ticket, line.description, line.rule, line.quantity,
                  line.unit, line.unit_price, line.amount, line.currency, JoinIds(line.entries), line.block,
                  line.adjusts);
    TD_CHECK(stmt->Run());
  }
  return Ok();
}

Result<std::vector<core::BilledCost>> SqliteTx::ListBilledCosts(OrgId customer, std::string_view period) {
  std::string sql = "SELECT customer_id, period, kind, ticket_id, description, amount, currency FROM billing_costs "
                    "WHERE period = ?1";
  if (customer.valid()) sql += " AND customer_id = ?2";
  sql += " ORDER BY customer_id, id";
  auto stmt = TD_TRY(db_.Prepare(sql));
  stmt->Bind(1, period);
  if (customer.valid()) stmt->Bind(2, customer);
  std::vector<core::BilledCost> out;
  while (TD_TRY(stmt->Step())) {
    core::CostLine cost{core::ParseCostKind(stmt->Text(2)).value_or(core::CostKind::kInternal),
                        stmt->IdAt<TicketId>(3), stmt->Text(4), stmt->Int64(5), stmt->Text(6)};
    out.push_back({stmt->IdAt<OrgId>(0), stmt->Text(1), std::move(cost)});
  }
  return out;
}

Status SqliteTx::InsertBilledCosts(OrgId customer, std::string_view period, const std::vector<core::CostLine>& costs) {
  for (const auto& cost : costs) {
    auto stmt = TD_TRY(db_.Prepare(
        "INSERT INTO billing_costs (customer_id, period, kind, ticket_id, description, amount, currency) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    stmt->BindAll(customer, period, core::ToString(cost.kind), cost.ticket, cost.description, cost.amount,
                  cost.currency);
    TD_CHECK(stmt->Run());
  }
  return Ok();
}

Result<std::vector<core::BilledDraw>> SqliteTx::ListBlockDraws(OrgId customer) {
  auto stmt = TD_TRY(db_.Prepare("SELECT customer_id, period, block_id, quantity FROM billing_draws WHERE 1 = 1" +
                                 CustomerFilter(customer, "customer_id") + " ORDER BY customer_id, period, rowid"));
  if (customer.valid()) stmt->Bind(1, customer);
  std::vector<core::BilledDraw> out;
  while (TD_TRY(stmt->Step())) {
    out.push_back({stmt->IdAt<OrgId>(0), stmt->Text(1), {stmt->Int64(2), stmt->Int64(3)}});
  }
  return out;
}

Status SqliteTx::InsertBlockDraws(OrgId customer, std::string_view period, const std::vector<core::BlockDraw>& draws) {
  for (const auto& draw : draws) {
    auto stmt = TD_TRY(
        db_.Prepare("INSERT INTO billing_draws (customer_id, period, block_id, quantity) VALUES (?, ?, ?, ?)"));
    stmt->BindAll(customer, period, draw.block, draw.quantity);
    TD_CHECK(stmt->Run());
  }
  return Ok();
}

Result<std::vector<std::pair<OrgId, std::string>>> SqliteTx::ListBillingChanges() {
  auto stmt = TD_TRY(db_.Prepare("SELECT customer_id, period FROM billing_changes ORDER BY customer_id, period"));
  std::vector<std::pair<OrgId, std::string>> out;
  while (TD_TRY(stmt->Step())) out.emplace_back(stmt->IdAt<OrgId>(0), stmt->Text(1));
  return out;
}

Status SqliteTx::MarkBillingChanged(OrgId customer, std::string_view period) {
  auto stmt = TD_TRY(db_.Prepare("INSERT INTO billing_changes (customer_id, period) VALUES (?, ?) ON CONFLICT DO NOTHING"));
  stmt->BindAll(customer, period);
  return stmt->Run();
}

Status SqliteTx::ClearBillingChanged(OrgId customer, std::string_view period) {
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM billing_changes WHERE customer_id = ? AND period = ?"));
  stmt->BindAll(customer, period);
  return stmt->Run();
}

Result<std::vector<core::BillingApproval>> SqliteTx::ListBillingApprovals(OrgId customer, std::string_view period) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id, customer_id, period, ticket_id, decision, note, decided_by, decided_at FROM billing_approvals "
      "WHERE period = ?1" + CustomerFilter(customer, "customer_id") + " ORDER BY id"));
  stmt->Bind(1, period);
  if (customer.valid()) stmt->Bind(2, customer);
  std::vector<core::BillingApproval> out;
  while (TD_TRY(stmt->Step())) {
    core::BillingApproval a;
    a.id = stmt->Int64(0);
    a.customer = stmt->IdAt<OrgId>(1);
    a.period = stmt->Text(2);
    a.ticket = stmt->IdAt<TicketId>(3);
    a.decision = core::ParseApprovalDecision(stmt->Text(4)).value_or(core::ApprovalDecision::kRejected);
    a.note = stmt->Text(5);
    a.decided_by = stmt->IdAt<UserId>(6);
    a.decided_at = FromUnixMillis(stmt->Int64(7));
    out.push_back(std::move(a));
  }
  return out;
}

Status SqliteTx::InsertBillingApproval(core::BillingApproval& a) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO billing_approvals (customer_id, period, ticket_id, decision, note, decided_by, decided_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(a.customer, a.period, a.ticket, core::ToString(a.decision), a.note, a.decided_by,
                ToUnixMillis(a.decided_at));
  TD_CHECK(stmt->Run());
  a.id = db_.LastInsertId();
  return Ok();
}

Result<std::optional<core::Timer>> SqliteTx::FindTimer(UserId user) {
  auto stmt = TD_TRY(db_.Prepare("SELECT user_id, ticket_id, started_at FROM timers WHERE user_id = ?"));
  stmt->BindAll(user);
  if (!TD_TRY(stmt->Step())) return std::optional<core::Timer>();
  return std::optional<core::Timer>(
      core::Timer{stmt->IdAt<UserId>(0), stmt->IdAt<TicketId>(1), FromUnixMillis(stmt->Int64(2))});
}

Status SqliteTx::PutTimer(const core::Timer& timer) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO timers (user_id, ticket_id, started_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
      "ticket_id = excluded.ticket_id, started_at = excluded.started_at"));
  stmt->BindAll(timer.user, timer.ticket, ToUnixMillis(timer.started_at));
  return stmt->Run();
}

Status SqliteTx::DeleteTimer(UserId user) {
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM timers WHERE user_id = ?"));
  stmt->BindAll(user);
  return stmt->Run();
}

Result<std::vector<Event>> SqliteTx::ListEscalationEvents(Timestamp from, Timestamp to, std::int64_t after_id,
                                                          int limit) {
  // The action is a literal so that the partial index events_escalated serves the query.
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kEventColumns +
                                 " FROM events WHERE action = 'ticket.escalated' AND created_at >= ? AND "
                                 "created_at < ? AND id > ? ORDER BY id LIMIT ?"));
  stmt->BindAll(ToUnixMillis(from), ToUnixMillis(to), after_id, limit);
  std::vector<Event> events;
  while (TD_TRY(stmt->Step())) events.push_back(ReadEvent(*stmt));
  return events;
}

}  // namespace tierdesk::adapters::sqlite

// ---- Vendor entitlements and competencies --------------------------------------------------

namespace tierdesk::adapters::sqlite {
namespace {

constexpr const char* kCompetencyColumns =
    "id, level, area, cloud, valid_from, expires_on, version, created_at, updated_at";
constexpr const char* kEntitlementColumns =
    "id, kind, name, categories, products, services, valid_from, valid_to, unit, capacity, consumed, "
    "currency, unit_cost, contract_id, access_id, competency_id, version, created_at, updated_at";

std::string JoinCategories(const std::vector<core::Category>& categories) {
  std::vector<std::string> names;
  for (const auto c : categories) names.emplace_back(core::ToString(c));
  return JoinNames(names);
}

Result<core::Competency> ReadCompetency(const Statement& s) {
  core::Competency c;
  c.id = s.IdAt<CompetencyId>(0);
  const auto level = core::ParseCompetencyLevel(s.Text(1));
  if (!level) return Fail(Error::Internal("a stored competency is unreadable", s.Text(1)));
  c.level = *level;
  c.area = s.Text(2);
  c.cloud = s.Int64(3) != 0;
  c.valid_from = s.Int64(4);
  c.expires_on = s.Int64(5);
  c.version = s.Int64(6);
  c.created_at = FromUnixMillis(s.Int64(7));
  c.updated_at = FromUnixMillis(s.Int64(8));
  return c;
}

Result<core::Entitlement> ReadEntitlement(const Statement& s) {
  core::Entitlement e;
  e.id = s.IdAt<EntitlementId>(0);
  e.kind = s.Text(1);
  e.name = s.Text(2);
  for (const auto& name : SplitNames(s.Text(3))) {
    const auto category = core::ParseCategory(name);
    if (!category) return Fail(Error::Internal("a stored entitlement is unreadable", name));
    e.categories.push_back(*category);
  }
  const auto products = core::ParseProductCoverage(s.Text(4));
  const auto unit = core::ParseCapacityUnit(s.Text(8));
  if (!products || !unit) return Fail(Error::Internal("a stored entitlement is unreadable", e.name));
  e.products = *products;
  e.services = SplitNames(s.Text(5));
  e.valid_from = s.Int64(6);
  if (!s.IsNull(7)) e.valid_to = s.Int64(7);
  e.unit = *unit;
  e.capacity = s.Int64(9);
  e.consumed = s.Int64(10);
  e.currency = s.Text(11);
  e.unit_cost = s.Int64(12);
  e.contract_id = s.Text(13);
  e.access_id = s.Text(14);
  e.competency_id = s.IdAt<CompetencyId>(15);
  e.version = s.Int64(16);
  e.created_at = FromUnixMillis(s.Int64(17));
  e.updated_at = FromUnixMillis(s.Int64(18));
  return e;
}

}  // namespace

Result<std::vector<core::Competency>> SqliteTx::ListCompetencies() {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kCompetencyColumns + " FROM competencies ORDER BY id"));
  std::vector<core::Competency> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadCompetency(*stmt)));
  return out;
}

Result<core::Competency> SqliteTx::GetCompetency(CompetencyId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kCompetencyColumns + " FROM competencies WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("competency"));
  return ReadCompetency(*stmt);
}

Status SqliteTx::InsertCompetency(core::Competency& c) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO competencies (level, area, cloud, valid_from, expires_on, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(core::ToString(c.level), c.area, c.cloud, c.valid_from, c.expires_on, c.version,
                ToUnixMillis(c.created_at), ToUnixMillis(c.updated_at));
  TD_CHECK(stmt->Run());
  c.id = CompetencyId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::UpdateCompetency(const core::Competency& c, std::int64_t expected_version) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE competencies SET level = ?, area = ?, cloud = ?, valid_from = ?, expires_on = ?, version = ?, "
      "updated_at = ? WHERE id = ? AND version = ?"));
  stmt->BindAll(core::ToString(c.level), c.area, c.cloud, c.valid_from, c.expires_on, c.version,
                ToUnixMillis(c.updated_at), c.id, expected_version);
  TD_CHECK(stmt->Run());
  return CheckUpdated(db_, "competency");
}

Status SqliteTx::DeleteCompetency(CompetencyId id) {
  {
    auto used = TD_TRY(db_.Prepare("SELECT name FROM entitlements WHERE competency_id = ? ORDER BY id LIMIT 1"));
    used->BindAll(id);
    if (TD_TRY(used->Step())) {
      return Fail(Error::Conflict("the entitlement " + used->Text(0) + " depends on this competency"));
    }
  }
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM competencies WHERE id = ?"));
  stmt->BindAll(id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("competency"));
  return Ok();
}

Result<std::vector<core::Entitlement>> SqliteTx::ListEntitlements() {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kEntitlementColumns + " FROM entitlements ORDER BY id"));
  std::vector<core::Entitlement> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadEntitlement(*stmt)));
  return out;
}

Result<core::Entitlement> SqliteTx::GetEntitlement(EntitlementId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kEntitlementColumns + " FROM entitlements WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("entitlement"));
  return ReadEntitlement(*stmt);
}

Status SqliteTx::InsertEntitlement(core::Entitlement& e) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO entitlements (kind, name, categories, products, services, valid_from, valid_to, unit, capacity, "
      "consumed, currency, unit_cost, contract_id, access_id, competency_id, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(e.kind, e.name, JoinCategories(e.categories), core::ToString(e.products), JoinNames(e.services),
                e.valid_from, e.valid_to, core::ToString(e.unit), e.capacity, e.consumed, e.currency, e.unit_cost,
                e.contract_id, e.access_id, e.competency_id, e.version, ToUnixMillis(e.created_at),
                ToUnixMillis(e.updated_at));
  TD_CHECK(RunInsert(*stmt, "name", "an entitlement with this name exists already"));
  e.id = EntitlementId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::UpdateEntitlement(const core::Entitlement& e, std::int64_t expected_version) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE entitlements SET kind = ?, name = ?, categories = ?, products = ?, services = ?, valid_from = ?, "
      "valid_to = ?, unit = ?, capacity = ?, consumed = ?, currency = ?, unit_cost = ?, contract_id = ?, "
      "access_id = ?, competency_id = ?, version = ?, updated_at = ? WHERE id = ? AND version = ?"));
  stmt->BindAll(e.kind, e.name, JoinCategories(e.categories), core::ToString(e.products), JoinNames(e.services),
                e.valid_from, e.valid_to, core::ToString(e.unit), e.capacity, e.consumed, e.currency, e.unit_cost,
                e.contract_id, e.access_id, e.competency_id, e.version, ToUnixMillis(e.updated_at), e.id,
                expected_version);
  TD_CHECK(RunInsert(*stmt, "name", "an entitlement with this name exists already"));
  return CheckUpdated(db_, "entitlement");
}

Status SqliteTx::DeleteEntitlement(EntitlementId id) {
  auto stmt = TD_TRY(db_.Prepare("DELETE FROM entitlements WHERE id = ?"));
  stmt->BindAll(id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("entitlement"));
  return Ok();
}

namespace {

constexpr const char* kVendorCaseColumns =
    "id, ticket_id, kind, entitlement_id, connector, case_number, severity, support_topic, contact_name, "
    "contact_email, contact_phone, status, share_case_number, submitted_at, first_response_due, closed_at, "
    "consumed, created_by, version, created_at, updated_at, first_responded_at, remote_ref, synced_at, sync_error";

Result<core::VendorCase> ReadVendorCase(const Statement& s) {
  core::VendorCase c;
  c.id = s.IdAt<VendorCaseId>(0);
  c.ticket_id = s.IdAt<TicketId>(1);
  c.kind = s.Text(2);
  c.entitlement = s.IdAt<EntitlementId>(3);
  c.connector = s.Text(4);
  c.case_number = s.Text(5);
  const auto severity = core::ParseSeverity(s.Text(6));
  const auto status = core::ParseVendorCaseStatus(s.Text(11));
  if (!severity || !status) return Fail(Error::Internal("a stored vendor case is unreadable", s.Text(11)));
  c.severity = *severity;
  c.support_topic = s.Text(7);
  c.contact = {s.Text(8), s.Text(9), s.Text(10)};
  c.status = *status;
  c.share_case_number = s.Int64(12) != 0;
  c.submitted_at = OptionalTimestamp(s, 13);
  c.first_response_due = OptionalTimestamp(s, 14);
  c.closed_at = OptionalTimestamp(s, 15);
  c.consumed = s.Int64(16);
  c.created_by = s.IdAt<UserId>(17);
  c.version = s.Int64(18);
  c.created_at = FromUnixMillis(s.Int64(19));
  c.updated_at = FromUnixMillis(s.Int64(20));
  c.first_responded_at = OptionalTimestamp(s, 21);
  c.remote_ref = s.Text(22);
  c.synced_at = OptionalTimestamp(s, 23);
  c.sync_error = s.Text(24);
  return c;
}

}  // namespace

Result<std::vector<core::VendorCase>> SqliteTx::ListVendorCases(TicketId ticket) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kVendorCaseColumns +
                                 " FROM vendor_cases WHERE ticket_id = ? ORDER BY id"));
  stmt->BindAll(ticket);
  std::vector<core::VendorCase> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadVendorCase(*stmt)));
  return out;
}

Result<core::VendorCase> SqliteTx::GetVendorCase(VendorCaseId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kVendorCaseColumns + " FROM vendor_cases WHERE id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("vendor case"));
  return ReadVendorCase(*stmt);
}

Result<std::vector<core::VendorCase>> SqliteTx::ListVendorCasesSince(Timestamp since) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kVendorCaseColumns +
                                 " FROM vendor_cases WHERE created_at >= ?1 OR closed_at >= ?1 ORDER BY id"));
  stmt->BindAll(ToUnixMillis(since));
  std::vector<core::VendorCase> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadVendorCase(*stmt)));
  return out;
}

Status SqliteTx::InsertVendorCase(core::VendorCase& c) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO vendor_cases (ticket_id, kind, entitlement_id, connector, case_number, severity, support_topic, "
      "contact_name, contact_email, contact_phone, status, share_case_number, submitted_at, first_response_due, "
      "closed_at, consumed, created_by, version, created_at, updated_at, first_responded_at, remote_ref, synced_at, "
      "sync_error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(c.ticket_id, c.kind, c.entitlement, c.connector, c.case_number, core::ToString(c.severity),
                c.support_topic, c.contact.name, c.contact.email, c.contact.phone, core::ToString(c.status),
                c.share_case_number, OptionalMillis(c.submitted_at), OptionalMillis(c.first_response_due),
                OptionalMillis(c.closed_at), c.consumed, c.created_by, c.version, ToUnixMillis(c.created_at),
                ToUnixMillis(c.updated_at), OptionalMillis(c.first_responded_at), c.remote_ref,
                OptionalMillis(c.synced_at), c.sync_error);
  TD_CHECK(stmt->Run());
  c.id = VendorCaseId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::UpdateVendorCase(const core::VendorCase& c, std::int64_t expected_version) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE vendor_cases SET case_number = ?, severity = ?, support_topic = ?, status = ?, share_case_number = ?, "
      "submitted_at = ?, first_response_due = ?, first_responded_at = ?, closed_at = ?, consumed = ?, version = ?, "
      "updated_at = ?, remote_ref = ?, synced_at = ?, sync_error = ? WHERE id = ? AND version = ?"));
  stmt->BindAll(c.case_number, core::ToString(c.severity), c.support_topic, core::ToString(c.status),
                c.share_case_number, OptionalMillis(c.submitted_at), OptionalMillis(c.first_response_due),
                OptionalMillis(c.first_responded_at), OptionalMillis(c.closed_at), c.consumed, c.version,
                ToUnixMillis(c.updated_at), c.remote_ref, OptionalMillis(c.synced_at), c.sync_error, c.id,
                expected_version);
  TD_CHECK(stmt->Run());
  return CheckUpdated(db_, "vendor case");
}

Result<std::vector<core::VendorCase>> SqliteTx::ListSyncedVendorCases() {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kVendorCaseColumns +
                                 " FROM vendor_cases WHERE connector <> 'manual' AND status <> 'closed' ORDER BY id"));
  std::vector<core::VendorCase> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadVendorCase(*stmt)));
  return out;
}

Result<std::vector<core::VendorQueueItem>> SqliteTx::ListVendorQueue(const TicketScope& scope,
                                                                     const core::VendorCaseQuery& query) {
  // Columns prefixed for the join; the vendor_cases_queue index serves the default (not closed).
  std::string columns;
  for (std::string_view rest = kVendorCaseColumns; !rest.empty();) {
    const auto comma = rest.find(", ");
    columns += (columns.empty() ? "v." : ", v.") + std::string(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
  }
  std::string sql = "SELECT " + columns +
                    ", t.subject, t.customer_id, o.name FROM vendor_cases v JOIN tickets t ON t.id = v.ticket_id "
                    "JOIN organizations o ON o.id = t.customer_id WHERE v.id > ?";
  std::vector<std::string> texts;
  if (query.statuses.empty()) {
    sql += " AND v.status <> 'closed'";
  } else {
    sql += " AND v.status IN (";
    for (std::size_t i = 0; i < query.statuses.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      texts.emplace_back(core::ToString(query.statuses[i]));
    }
    sql += ")";
  }
  if (!query.kinds.empty()) {
    sql += " AND v.kind IN (";
    for (std::size_t i = 0; i < query.kinds.size(); ++i) {
      sql += i == 0 ? "?" : ", ?";
      texts.push_back(query.kinds[i]);
    }
    sql += ")";
  }
  if (query.sync_error) sql += *query.sync_error ? " AND v.sync_error <> ''" : " AND v.sync_error = ''";
  if (query.escalated_before) sql += " AND v.created_at <= ?";
  const auto scoped = AppendScope(sql, scope);
  sql += " ORDER BY v.id LIMIT ?";
  auto stmt = TD_TRY(db_.Prepare(sql));
  int index = 0;
  stmt->Bind(++index, query.after.value);
  for (const auto& text : texts) stmt->Bind(++index, text);
  if (query.escalated_before) stmt->Bind(++index, ToUnixMillis(*query.escalated_before));
  if (scoped) stmt->Bind(++index, *scoped);
  stmt->Bind(++index, query.limit);
  std::vector<core::VendorQueueItem> out;
  while (TD_TRY(stmt->Step())) {
    core::VendorQueueItem item;
    item.vendor_case = TD_TRY(ReadVendorCase(*stmt));
    item.subject = stmt->Text(25);
    item.customer_id = stmt->IdAt<OrgId>(26);
    item.customer_name = stmt->Text(27);
    out.push_back(std::move(item));
  }
  return out;
}

namespace {

constexpr const char* kVendorNoteColumns =
    "id, vendor_case_id, direction, key, author, body, message_id, published_id, sent_at, attempts, last_error, "
    "created_at";

Result<core::VendorNote> ReadVendorNote(const Statement& s) {
  core::VendorNote note;
  note.id = s.Int64(0);
  note.vendor_case = s.IdAt<VendorCaseId>(1);
  const auto direction = core::ParseNoteDirection(s.Text(2));
  if (!direction) return Fail(Error::Internal("a stored vendor note is unreadable", s.Text(2)));
  note.direction = *direction;
  note.key = s.Text(3);
  note.author = s.Text(4);
  note.body = s.Text(5);
  note.message = s.IdAt<MessageId>(6);
  note.published = s.IdAt<MessageId>(7);
  note.sent_at = OptionalTimestamp(s, 8);
  note.attempts = s.Int64(9);
  note.last_error = s.Text(10);
  note.created_at = FromUnixMillis(s.Int64(11));
  return note;
}

Result<std::vector<core::VendorNote>> ReadVendorNotes(Statement& stmt) {
  std::vector<core::VendorNote> out;
  while (TD_TRY(stmt.Step())) out.push_back(TD_TRY(ReadVendorNote(stmt)));
  return out;
}

}  // namespace

Result<std::vector<core::VendorNote>> SqliteTx::ListVendorNotes(VendorCaseId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kVendorNoteColumns +
                                 " FROM vendor_notes WHERE vendor_case_id = ? ORDER BY id"));
  stmt->BindAll(id);
  return ReadVendorNotes(*stmt);
}

Result<std::vector<core::VendorNote>> SqliteTx::ListUnsentVendorNotes() {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kVendorNoteColumns +
                                 " FROM vendor_notes WHERE direction = 'to_vendor' AND sent_at IS NULL ORDER BY id"));
  return ReadVendorNotes(*stmt);
}

Result<std::optional<core::VendorNote>> SqliteTx::FindVendorNoteByMessage(MessageId message) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kVendorNoteColumns +
                                 " FROM vendor_notes WHERE message_id = ?"));
  stmt->BindAll(message);
  if (!TD_TRY(stmt->Step())) return std::optional<core::VendorNote>();
  return std::optional<core::VendorNote>(TD_TRY(ReadVendorNote(*stmt)));
}

Status SqliteTx::InsertVendorNote(core::VendorNote& note) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO vendor_notes (vendor_case_id, direction, key, author, body, message_id, published_id, sent_at, "
      "attempts, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(note.vendor_case, core::ToString(note.direction), note.key, note.author, note.body, note.message,
                note.published, OptionalMillis(note.sent_at), note.attempts, note.last_error,
                ToUnixMillis(note.created_at));
  TD_CHECK(stmt->Run());
  note.id = db_.LastInsertId();
  return Ok();
}

Status SqliteTx::UpdateVendorNote(const core::VendorNote& note) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE vendor_notes SET published_id = ?, sent_at = ?, attempts = ?, last_error = ? WHERE id = ?"));
  stmt->BindAll(note.published, OptionalMillis(note.sent_at), note.attempts, note.last_error, note.id);
  TD_CHECK(stmt->Run());
  return CheckUpdated(db_, "vendor note");
}

namespace {

constexpr const char* kIncidentColumns = "i.id, i.reference, i.title, i.service, i.status, i.version, i.created_at, i.updated_at";

Result<core::VendorIncident> ReadIncident(const Statement& s) {
  core::VendorIncident incident;
  incident.id = s.IdAt<VendorIncidentId>(0);
  incident.reference = s.Text(1);
  incident.title = s.Text(2);
  incident.service = s.Text(3);
  const auto status = core::ParseIncidentStatus(s.Text(4));
  if (!status) return Fail(Error::Internal("a stored incident is unreadable", s.Text(4)));
  incident.status = *status;
  incident.version = s.Int64(5);
  incident.created_at = FromUnixMillis(s.Int64(6));
  incident.updated_at = FromUnixMillis(s.Int64(7));
  return incident;
}

}  // namespace

Result<std::vector<core::VendorIncident>> SqliteTx::ListVendorIncidents() {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kIncidentColumns + " FROM vendor_incidents i ORDER BY i.id DESC"));
  std::vector<core::VendorIncident> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadIncident(*stmt)));
  return out;
}

Result<core::VendorIncident> SqliteTx::GetVendorIncident(VendorIncidentId id) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kIncidentColumns + " FROM vendor_incidents i WHERE i.id = ?"));
  stmt->BindAll(id);
  if (!TD_TRY(stmt->Step())) return Fail(Error::NotFound("vendor incident"));
  auto incident = TD_TRY(ReadIncident(*stmt));
  auto linked = TD_TRY(db_.Prepare("SELECT ticket_id FROM vendor_incident_tickets WHERE incident_id = ? ORDER BY ticket_id"));
  linked->BindAll(id);
  while (TD_TRY(linked->Step())) incident.tickets.push_back(linked->IdAt<TicketId>(0));
  return incident;
}

Result<std::vector<core::VendorIncident>> SqliteTx::ListIncidentsOfTicket(TicketId ticket) {
  auto stmt = TD_TRY(db_.Prepare(std::string("SELECT ") + kIncidentColumns +
                                 " FROM vendor_incident_tickets l JOIN vendor_incidents i ON i.id = l.incident_id "
                                 "WHERE l.ticket_id = ? ORDER BY i.id"));
  stmt->BindAll(ticket);
  std::vector<core::VendorIncident> out;
  while (TD_TRY(stmt->Step())) out.push_back(TD_TRY(ReadIncident(*stmt)));
  return out;
}

Result<std::vector<core::IncidentUpdate>> SqliteTx::ListIncidentUpdates(VendorIncidentId id) {
  auto stmt = TD_TRY(db_.Prepare(
      "SELECT id, body, status, shown, author_id, created_at FROM vendor_incident_updates WHERE incident_id = ? ORDER BY id"));
  stmt->BindAll(id);
  std::vector<core::IncidentUpdate> out;
  while (TD_TRY(stmt->Step())) {
    core::IncidentUpdate update;
    update.id = stmt->Int64(0);
    update.incident = id;
    update.body = stmt->Text(1);
    update.status = core::ParseIncidentStatus(stmt->Text(2)).value_or(core::IncidentStatus::kActive);
    update.shown_to_customers = stmt->Int64(3) != 0;
    update.author = stmt->IdAt<UserId>(4);
    update.created_at = FromUnixMillis(stmt->Int64(5));
    out.push_back(std::move(update));
  }
  return out;
}

Status SqliteTx::InsertVendorIncident(core::VendorIncident& incident) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO vendor_incidents (reference, title, service, status, version, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(incident.reference, incident.title, incident.service, core::ToString(incident.status),
                incident.version, ToUnixMillis(incident.created_at), ToUnixMillis(incident.updated_at));
  TD_CHECK(RunInsert(*stmt, "reference", "this incident is recorded already"));
  incident.id = VendorIncidentId{db_.LastInsertId()};
  return Ok();
}

Status SqliteTx::SetIncidentStatus(VendorIncidentId id, core::IncidentStatus status, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare(
      "UPDATE vendor_incidents SET status = ?, version = version + 1, updated_at = ? WHERE id = ?"));
  stmt->BindAll(core::ToString(status), ToUnixMillis(at), id);
  TD_CHECK(stmt->Run());
  if (db_.Changes() != 1) return Fail(Error::NotFound("vendor incident"));
  return Ok();
}

Result<bool> SqliteTx::LinkIncidentTicket(VendorIncidentId id, TicketId ticket, Timestamp at) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO vendor_incident_tickets (incident_id, ticket_id, linked_at) VALUES (?, ?, ?) "
      "ON CONFLICT (incident_id, ticket_id) DO NOTHING"));
  stmt->BindAll(id, ticket, ToUnixMillis(at));
  TD_CHECK(stmt->Run());
  return db_.Changes() == 1;
}

Status SqliteTx::InsertIncidentUpdate(core::IncidentUpdate& update) {
  auto stmt = TD_TRY(db_.Prepare(
      "INSERT INTO vendor_incident_updates (incident_id, body, status, shown, author_id, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)"));
  stmt->BindAll(update.incident, update.body, core::ToString(update.status), update.shown_to_customers, update.author,
                ToUnixMillis(update.created_at));
  TD_CHECK(stmt->Run());
  update.id = db_.LastInsertId();
  return Ok();
}

}  // namespace tierdesk::adapters::sqlite
