// The behaviour every Store backend must have. Each backend registers a factory below; the
// PostgreSQL adapter joins with its own entry (skipped when no server is configured).
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <set>
#include <thread>
#include <tuple>

#include "adapters/storage/sqlite/sqlite_store.hpp"
#include "core/ports/store.hpp"
#include "core/sla/sla.hpp"

namespace tierdesk::core {
namespace {

struct Backend {
  std::string name;
  std::function<std::unique_ptr<Store>(const std::string& dir)> open;
};

void PrintTo(const Backend& backend, std::ostream* out) { *out << backend.name; }

std::vector<Backend> Backends() {
  return {{"sqlite", [](const std::string& dir) {
             adapters::sqlite::SqliteOptions options;
             options.path = dir + "/contract.db";
             options.synchronous = "NORMAL";
             auto store = adapters::sqlite::OpenSqliteStore(options);
             EXPECT_TRUE(store) << store.error().detail;
             return std::move(*store);
           }}};
}

const Timestamp kNow = FromUnixMillis(1'795'000'000'000);

class StoreContract : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tierdesk-contract-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    store_ = GetParam().open(dir_.string());
    ASSERT_TRUE(store_);
    Seed();
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A partner, a reseller with one customer, a direct customer, a provider, one user each.
  void Seed() {
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
      partner_ = {{}, OrgKind::kPartner, "Partner", {}, {"partner.example"}, "", "KR", "ko", "Asia/Seoul", kNow};
      TD_CHECK(tx.InsertOrganization(partner_));
      reseller_ = {{}, OrgKind::kReseller, "Reseller", partner_.id, {}, "", "", "", "", kNow};
      TD_CHECK(tx.InsertOrganization(reseller_));
      provider_ = {{}, OrgKind::kProvider, "Provider", partner_.id, {}, "", "", "", "", kNow};
      TD_CHECK(tx.InsertOrganization(provider_));
      direct_ = {{}, OrgKind::kCustomer, "Direct", partner_.id, {"direct.example", "direct2.example"},
                 "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182", "DE", "de", "Europe/Berlin", kNow};
      TD_CHECK(tx.InsertOrganization(direct_));
      resold_ = {{}, OrgKind::kCustomer, "Resold", reseller_.id, {"resold.example"}, "", "", "", "", kNow};
      TD_CHECK(tx.InsertOrganization(resold_));
      agent_ = {{}, partner_.id, "agent@partner.example", "Agent", Role::kAgent, true, kNow};
      TD_CHECK(tx.InsertUser(agent_, "hash-agent"));
      requester_ = {{}, direct_.id, "req@direct.example", "Req", Role::kRequester, true, kNow};
      TD_CHECK(tx.InsertUser(requester_, ""));
      other_requester_ = {{}, direct_.id, "other@direct.example", "Other", Role::kRequester, true, kNow};
      TD_CHECK(tx.InsertUser(other_requester_, ""));
      resold_requester_ = {{}, resold_.id, "req@resold.example", "Resold req", Role::kRequester, true, kNow};
      return tx.InsertUser(resold_requester_, "");
    }));
  }

  Ticket NewTicket(const Organization& customer, const User& requester, std::string subject,
                   Timestamp at = kNow) {
    Ticket t;
    t.customer_id = customer.id;
    t.requester_id = requester.id;
    t.reseller_id = customer.parent_id == reseller_.id ? reseller_.id : OrgId{};
    t.service = "azure";
    t.subject = std::move(subject);
    t.tags = {"alpha"};
    t.fields = {{"subscription_id", "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"}, {"note", "a=b"}};
    t.created_at = at;
    t.updated_at = at;
    return t;
  }

  TicketId Insert(Ticket t) {
    EXPECT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertTicket(t); }));
    return t.id;
  }

  Actor ActorOf(const User& user, OrgKind kind) { return {user.id, user.organization_id, kind, user.role}; }
  TicketScope All() { return TicketScopeFor(ActorOf(agent_, OrgKind::kPartner)); }

  static inline std::atomic<int> counter_{0};
  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  Organization partner_, reseller_, provider_, direct_, resold_;
  User agent_, requester_, other_requester_, resold_requester_;
};

TEST_P(StoreContract, OrganisationsRoundTripWithDomains) {
  auto org = ReadValue<Organization>(*store_, [&](ReadTx& tx) { return tx.GetOrganization(direct_.id); });
  ASSERT_TRUE(org);
  EXPECT_EQ(org->name, "Direct");
  EXPECT_EQ(org->domains, (std::vector<std::string>{"direct.example", "direct2.example"}));
  EXPECT_EQ(org->tenant_id, "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182");
  EXPECT_EQ(org->parent_id, partner_.id);
  EXPECT_EQ(org->created_at, kNow);
  auto by_domain = ReadValue<std::optional<Organization>>(
      *store_, [&](ReadTx& tx) { return tx.FindOrganizationByDomain("direct2.example"); });
  ASSERT_TRUE(by_domain && *by_domain);
  EXPECT_EQ((*by_domain)->id, direct_.id);
}

TEST_P(StoreContract, DuplicateDomainIsConflictAndNothingIsStored) {
  Organization dup{{}, OrgKind::kCustomer, "Dup", partner_.id, {"fresh.example", "direct.example"}, "", "", "", "", kNow};
  auto status = store_->Write([&](WriteTx& tx) { return tx.InsertOrganization(dup); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  auto fresh = ReadValue<std::optional<Organization>>(
      *store_, [&](ReadTx& tx) { return tx.FindOrganizationByDomain("fresh.example"); });
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(*fresh) << "the failed job must be rolled back whole";
}

TEST_P(StoreContract, SinglePartnerOnly) {
  Organization second{{}, OrgKind::kPartner, "Second", {}, {}, "", "", "", "", kNow};
  auto status = store_->Write([&](WriteTx& tx) { return tx.InsertOrganization(second); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, OrganisationScopes) {
  auto reseller_view = ReadValue<std::vector<Organization>>(*store_, [&](ReadTx& tx) {
    return tx.ListOrganizations({OrgScope::Kind::kSelfAndChildren, reseller_.id});
  });
  ASSERT_TRUE(reseller_view);
  std::set<std::int64_t> ids;
  for (const auto& o : *reseller_view) ids.insert(o.id.value);
  EXPECT_EQ(ids, (std::set<std::int64_t>{reseller_.id.value, resold_.id.value}));
  auto all = ReadValue<std::vector<Organization>>(*store_, [&](ReadTx& tx) {
    return tx.ListOrganizations({OrgScope::Kind::kAll, {}});
  });
  EXPECT_EQ(all->size(), 5u);
}

TEST_P(StoreContract, UsersAndTokens) {
  auto found = ReadValue<std::optional<UserCredentials>>(
      *store_, [&](ReadTx& tx) { return tx.FindUserByEmail("agent@partner.example"); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->password_hash, "hash-agent");
  User dup{{}, partner_.id, "agent@partner.example", "Dup", Role::kAgent, true, kNow};
  auto status = store_->Write([&](WriteTx& tx) { return tx.InsertUser(dup, ""); });
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);

  TokenRecord live{{}, agent_.id, TokenKind::kSession, "login", "hash-live", kNow, kNow + std::chrono::hours(1)};
  TokenRecord expired{{}, agent_.id, TokenKind::kSession, "login", "hash-old", kNow, kNow - std::chrono::hours(1)};
  TokenRecord personal{{}, requester_.id, TokenKind::kPersonal, "ci", "hash-personal", kNow, std::nullopt};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertToken(live));
    TD_CHECK(tx.InsertToken(expired));
    return tx.InsertToken(personal);
  }));
  auto find = [&](const char* hash) {
    return *ReadValue<std::optional<TokenOwner>>(*store_, [&](ReadTx& tx) { return tx.FindToken(hash, kNow); });
  };
  ASSERT_TRUE(find("hash-live"));
  EXPECT_EQ(find("hash-live")->user.id, agent_.id);
  EXPECT_EQ(find("hash-live")->org_kind, OrgKind::kPartner);
  EXPECT_FALSE(find("hash-old"));
  EXPECT_FALSE(find("nope"));
  ASSERT_TRUE(find("hash-personal"));
  EXPECT_EQ(find("hash-personal")->org_kind, OrgKind::kCustomer);
}

TEST_P(StoreContract, TicketRoundTrip) {
  Ticket t = NewTicket(direct_, requester_, "VM does not start");
  t.severity = Severity::kCritical;
  t.category = Category::kBilling;
  t.channel = Channel::kEmail;
  const TicketId id = Insert(t);
  ASSERT_TRUE(id.valid());
  auto loaded = ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->subject, "VM does not start");
  EXPECT_EQ(loaded->severity, Severity::kCritical);
  EXPECT_EQ(loaded->category, Category::kBilling);
  EXPECT_EQ(loaded->channel, Channel::kEmail);
  EXPECT_EQ(loaded->fields, t.fields);
  EXPECT_EQ(loaded->tags, t.tags);
  EXPECT_EQ(loaded->created_at, kNow);
  EXPECT_FALSE(loaded->team_id.valid());
}

TEST_P(StoreContract, TicketScopesHideOtherTenantsAsNotFound) {
  const TicketId mine = Insert(NewTicket(direct_, requester_, "mine"));
  const TicketId colleague = Insert(NewTicket(direct_, other_requester_, "colleague"));
  const TicketId resold = Insert(NewTicket(resold_, resold_requester_, "resold"));
  struct Case {
    TicketScope scope;
    std::set<std::int64_t> visible;
  };
  const Case cases[] = {
      {All(), {mine.value, colleague.value, resold.value}},
      {TicketScopeFor(ActorOf(requester_, OrgKind::kCustomer)), {mine.value}},
      {{TicketScope::Kind::kCustomer, direct_.id, {}, Viewer::kCustomer}, {mine.value, colleague.value}},
      {{TicketScope::Kind::kReseller, reseller_.id, {}, Viewer::kReseller}, {resold.value}},
      {{TicketScope::Kind::kProvider, provider_.id, {}, Viewer::kProvider}, {}},
  };
  for (const auto& c : cases) {
    for (const TicketId id : {mine, colleague, resold}) {
      auto got = ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(c.scope, id); });
      if (c.visible.count(id.value)) {
        EXPECT_TRUE(got) << "ticket " << id.value;
      } else {
        ASSERT_FALSE(got) << "ticket " << id.value;
        EXPECT_EQ(got.error().code, ErrorCode::kNotFound);
      }
    }
    auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(c.scope, {}); });
    ASSERT_TRUE(page);
    std::set<std::int64_t> listed;
    for (const auto& t : page->items) listed.insert(t.id.value);
    EXPECT_EQ(listed, c.visible);
  }
}

TEST_P(StoreContract, FiltersAndKeysetPagination) {
  std::vector<TicketId> ids;
  for (int i = 0; i < 25; ++i) {
    Ticket t = NewTicket(direct_, requester_, "ticket " + std::to_string(i), kNow + std::chrono::seconds(i));
    t.status = i % 2 == 0 ? TicketStatus::kOpen : TicketStatus::kNew;
    t.severity = i % 5 == 0 ? Severity::kCritical : Severity::kMinimal;
    if (i % 3 == 0) t.tags = {"vip"};
    ids.push_back(Insert(t));
  }
  TicketQuery open;
  open.status = TicketStatus::kOpen;
  auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), open); });
  EXPECT_EQ(page->items.size(), 13u);
  TicketQuery vip;
  vip.tag = "vip";
  vip.severity = Severity::kCritical;
  page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), vip); });
  ASSERT_EQ(page->items.size(), 2u);  // i = 0 and 15
  EXPECT_EQ(page->items[0].id, ids[15]);

  for (const auto sort : {TicketSort::kCreatedDesc, TicketSort::kCreatedAsc, TicketSort::kUpdatedDesc,
                          TicketSort::kUpdatedAsc}) {
    TicketQuery query;
    query.limit = 7;
    query.sort = sort;
    std::vector<std::int64_t> seen;
    for (int pages = 0; pages < 10; ++pages) {
      auto p = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), query); });
      ASSERT_TRUE(p);
      for (const auto& t : p->items) seen.push_back(t.id.value);
      if (!p->next) break;
      query.after = p->next;
    }
    ASSERT_EQ(seen.size(), 25u) << "sort " << static_cast<int>(sort);
    const bool descending = sort == TicketSort::kCreatedDesc || sort == TicketSort::kUpdatedDesc;
    for (std::size_t i = 1; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i] < seen[i - 1], descending) << "order broken at " << i;
    }
  }
}

TEST_P(StoreContract, UpdateChecksTheVersion) {
  const TicketId id = Insert(NewTicket(direct_, requester_, "versioned"));
  Ticket t = *ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  t.status = TicketStatus::kOpen;
  t.tags = {"beta", "gamma"};
  t.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateTicket(t, 1); }));
  auto stale = store_->Write([&](WriteTx& tx) { return tx.UpdateTicket(t, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  TicketQuery by_tag;
  by_tag.tag = "gamma";
  auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), by_tag); });
  ASSERT_EQ(page->items.size(), 1u);
  by_tag.tag = "alpha";
  page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), by_tag); });
  EXPECT_TRUE(page->items.empty()) << "the old tag must be gone";
}

TEST_P(StoreContract, AnUpdateKeepsEveryFieldItChanges) {
  // A rule's set_scope on update makes a ticket billable after it was opened: the scope and the
  // quote must be stored, not only returned.
  const TicketId id = Insert(NewTicket(direct_, requester_, "rescoped"));
  Ticket t = *ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  t.scope = "out_of_scope_billable";
  t.quote_currency = "KRW";
  t.quote_hourly_rate = 180'000;
  t.quote_increment_minutes = 15;
  t.quote_minimum_minutes = 30;
  t.subject = "rescoped, billable";
  t.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateTicket(t, 1); }));
  const Ticket read = *ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  EXPECT_EQ(read.scope, "out_of_scope_billable");
  EXPECT_EQ(read.quote_currency, "KRW");
  EXPECT_EQ(read.quote_hourly_rate, 180'000);
  EXPECT_EQ(read.quote_increment_minutes, 15);
  EXPECT_EQ(read.quote_minimum_minutes, 30);
  EXPECT_EQ(read.subject, "rescoped, billable");
  EXPECT_EQ(read.version, 2);
}

TEST_P(StoreContract, MessagesEventsAndInternalVisibility) {
  const TicketId id = Insert(NewTicket(direct_, requester_, "conversation"));
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    Message pub{{}, id, agent_.id, partner_.id, MessageKind::kPublicReply, "public words", "", kNow};
    TD_CHECK(tx.InsertMessage(pub));
    Message note{{}, id, agent_.id, partner_.id, MessageKind::kInternalNote, "hidden zebraword", "", kNow};
    TD_CHECK(tx.InsertMessage(note));
    Event e1{0, id, agent_.id, "message.added", "public_reply", "", "", false, kNow};
    Event e2{0, id, agent_.id, "message.added", "internal_note", "", "", true, kNow};
    TD_CHECK(tx.AppendEvent(e1));
    return tx.AppendEvent(e2);
  }));
  const TicketScope customer = TicketScopeFor(ActorOf(requester_, OrgKind::kCustomer));
  auto messages = ReadValue<std::vector<Message>>(*store_, [&](ReadTx& tx) { return tx.ListMessages(customer, id); });
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].body, "public words");
  messages = ReadValue<std::vector<Message>>(*store_, [&](ReadTx& tx) { return tx.ListMessages(All(), id); });
  EXPECT_EQ(messages->size(), 2u);
  auto events = ReadValue<std::vector<Event>>(*store_, [&](ReadTx& tx) { return tx.ListEvents(customer, id); });
  EXPECT_EQ(events->size(), 1u);

  TicketQuery search;
  search.text = "zebraword";
  auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(customer, search); });
  EXPECT_TRUE(page->items.empty()) << "internal notes must not be searchable by customers";
  page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), search); });
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, id);

  const TicketScope colleague = TicketScopeFor(ActorOf(other_requester_, OrgKind::kCustomer));
  auto hidden = ReadValue<std::vector<Message>>(*store_, [&](ReadTx& tx) { return tx.ListMessages(colleague, id); });
  ASSERT_FALSE(hidden);
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
}

// Issue 13, findings 4 and 5: a reseller reads the partner's internal notes on its customers'
// tickets but never Microsoft's notes (vendor updates), their events or the vendor case's; a
// customer never sees the provider a rule chose, whatever the stored marks say.
TEST_P(StoreContract, ViewersSeeWhatTheVisibilityRuleSays) {
  const TicketId plain = Insert(NewTicket(resold_, resold_requester_, "plain"));
  const TicketId escalated = Insert(NewTicket(resold_, resold_requester_, "escalated"));
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    for (const TicketId id : {plain, escalated}) {
      Message note{{}, id, agent_.id, partner_.id, MessageKind::kInternalNote, "partner quokkaword", "", kNow};
      TD_CHECK(tx.InsertMessage(note));
    }
    Message update{{}, escalated, agent_.id, partner_.id, MessageKind::kVendorUpdate, "microsoft wombatword", "", kNow};
    TD_CHECK(tx.InsertMessage(update));
    // Written as a rule wrote them before the fix: public marks on internal kinds.
    Event routed{0, escalated, UserId{}, "ticket.updated", "provider_id", "", "9", false, kNow};
    routed.via = "rule 6: German Dynamics 365 to GlobalSupport";
    Event added{0, escalated, agent_.id, "message.added", "vendor_update", "", std::to_string(update.id.value), false, kNow};
    Event opened{0, escalated, agent_.id, "vendor_case.created", "vendor_case", "", "1", false, kNow};
    opened.via = "Signature Cloud Support (Gold)";
    Event status{0, escalated, UserId{}, "ticket.updated", "status", "new", "open", false, kNow};
    status.via = "rule 2: open it";
    for (Event* e : {&routed, &added, &opened, &status}) TD_CHECK(tx.AppendEvent(*e));
    return Ok();
  }));
  const User reseller_agent{{}, reseller_.id, "r@reseller.example", "R", Role::kResellerAgent, true, kNow};
  const TicketScope reseller = TicketScopeFor(ActorOf(reseller_agent, OrgKind::kReseller));
  const TicketScope customer = TicketScopeFor(ActorOf(resold_requester_, OrgKind::kCustomer));

  const auto kinds = [&](const TicketScope& scope) {
    std::vector<MessageKind> out;
    const auto messages = ReadValue<std::vector<Message>>(*store_, [&](ReadTx& tx) { return tx.ListMessages(scope, escalated); });
    for (const auto& m : *messages) out.push_back(m.kind);
    return out;
  };
  EXPECT_EQ(kinds(reseller), (std::vector<MessageKind>{MessageKind::kInternalNote}));
  EXPECT_TRUE(kinds(customer).empty());
  EXPECT_EQ(kinds(All()).size(), 2u);

  const auto actions = [&](const TicketScope& scope) {
    std::vector<std::string> out;
    const auto events = ReadValue<std::vector<Event>>(*store_, [&](ReadTx& tx) { return tx.ListEvents(scope, escalated); });
    for (const auto& e : *events) out.push_back(e.action + ":" + e.field + ":" + e.via);
    return out;
  };
  EXPECT_EQ(actions(reseller), (std::vector<std::string>{"ticket.updated:provider_id:", "ticket.updated:status:"}));
  EXPECT_EQ(actions(customer), (std::vector<std::string>{"ticket.updated:status:"}));
  EXPECT_EQ(actions(All()).size(), 4u);
  EXPECT_EQ(actions(All()).front(), "ticket.updated:provider_id:rule 6: German Dynamics 365 to GlobalSupport");

  const auto found = [&](const TicketScope& scope, const std::string& word) {
    TicketQuery query;
    query.text = word;
    std::vector<std::int64_t> out;
    const auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(scope, query); });
    for (const auto& t : page->items) out.push_back(t.id.value);
    return out;
  };
  EXPECT_TRUE(found(reseller, "wombatword").empty()) << "Microsoft's words are the partner's";
  EXPECT_EQ(found(All(), "wombatword"), (std::vector<std::int64_t>{escalated.value}));
  // The index does not know an internal document's kind: a reseller finds the partner's notes
  // on tickets without vendor updates only.
  EXPECT_EQ(found(reseller, "quokkaword"), (std::vector<std::int64_t>{plain.value}));
  EXPECT_TRUE(found(customer, "quokkaword").empty());
  EXPECT_EQ(found(All(), "quokkaword").size(), 2u);
  EXPECT_EQ(found(reseller, "escalated"), (std::vector<std::int64_t>{escalated.value})) << "subjects stay public";
}

TEST_P(StoreContract, FullTextSearchFindsSubjectsAndMessagesNewestFirst) {
  std::vector<TicketId> ids;
  for (int i = 0; i < 30; ++i) {
    ids.push_back(Insert(NewTicket(direct_, requester_, i % 3 == 0 ? "Outlook sign-in loop" : "Azure VM")));
  }
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    Message m{{}, ids[1], requester_.id, direct_.id, MessageKind::kCustomerReply, "outlook crashed too", "", kNow};
    return tx.InsertMessage(m);
  }));
  TicketQuery search;
  search.text = "outlook";
  search.limit = 5;
  std::vector<std::int64_t> seen;
  for (int pages = 0; pages < 10; ++pages) {
    auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), search); });
    ASSERT_TRUE(page);
    for (const auto& t : page->items) seen.push_back(t.id.value);
    if (!page->next) break;
    search.after = page->next;
  }
  ASSERT_EQ(seen.size(), 11u);  // ten subjects and one message
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_LT(seen[i], seen[i - 1]);
  search = {};
  search.text = "OUTLOOK sign*";
  auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), search); });
  EXPECT_EQ(page->items.size(), 10u);
  for (const char* hostile : {"\"", "NEAR(a b)", "a OR b", "*", "-x", "col:val", "'; DROP TABLE tickets; --"}) {
    search.text = hostile;
    auto result = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), search); });
    EXPECT_TRUE(result) << hostile << ": " << (result ? "" : result.error().detail);
  }
  EXPECT_EQ(*ReadValue<std::int64_t>(*store_, [](ReadTx& tx) { return tx.CountTickets(); }), 30);
}

TEST_P(StoreContract, GroupCommitIsolatesFailedJobs) {
  constexpr std::size_t kThreads = 32;
  std::vector<std::thread> threads;
  std::vector<Status> results(kThreads);
  std::vector<TicketId> created(kThreads);
  for (std::size_t i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      results[i] = store_->Write([&](WriteTx& tx) -> Status {
        Ticket t = NewTicket(direct_, requester_, "concurrent " + std::to_string(i));
        TD_CHECK(tx.InsertTicket(t));
        created[i] = t.id;
        if (i % 4 == 0) return Fail(Error::Conflict("job fails on purpose"));
        return Ok();
      });
    });
  }
  for (auto& thread : threads) thread.join();
  std::size_t ok = 0;
  for (std::size_t i = 0; i < kThreads; ++i) {
    auto found = ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), created[i]); });
    if (i % 4 == 0) {
      EXPECT_FALSE(results[i]);
      if (found) {
        EXPECT_NE(found->subject, "concurrent " + std::to_string(i)) << "failed job leaked";
      }
    } else {
      ASSERT_TRUE(results[i]);
      ASSERT_TRUE(found);
      EXPECT_EQ(found->subject, "concurrent " + std::to_string(i));
      ++ok;
    }
  }
  EXPECT_EQ(ok, kThreads - kThreads / 4);
  EXPECT_EQ(*ReadValue<std::int64_t>(*store_, [](ReadTx& tx) { return tx.CountTickets(); }),
            static_cast<std::int64_t>(ok));
  // Search holds each committed job's subject once and nothing of the failed jobs.
  for (std::size_t i = 0; i < kThreads; ++i) {
    TicketQuery search;
    search.text = "concurrent " + std::to_string(i);
    auto page = ReadValue<TicketPage>(*store_, [&](ReadTx& tx) { return tx.ListTickets(All(), search); });
    ASSERT_TRUE(page);
    if (i % 4 == 0) {
      EXPECT_TRUE(page->items.empty()) << "the failed job's search document leaked: " << i;
    } else {
      ASSERT_EQ(page->items.size(), 1u) << i;
      EXPECT_EQ(page->items[0].id, created[i]);
    }
  }
  const auto stats = store_->Stats();
  EXPECT_GE(stats.jobs, static_cast<std::uint64_t>(kThreads));
  EXPECT_LE(stats.commits, stats.jobs);
}

TEST_P(StoreContract, IdempotencyKeysAreUniquePerUser) {
  const TicketId id = Insert(NewTicket(direct_, requester_, "idempotent"));
  IdempotencyRecord record{requester_.id, "key-1", "hash", "ticket", id.value, 0, kNow};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertIdempotency(record); }));
  auto again = store_->Write([&](WriteTx& tx) { return tx.InsertIdempotency(record); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  record.user_id = other_requester_.id;
  EXPECT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertIdempotency(record); }));
  auto found = ReadValue<std::optional<IdempotencyRecord>>(
      *store_, [&](ReadTx& tx) { return tx.FindIdempotency(requester_.id, "key-1"); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->resource_id, id.value);
}

TEST_P(StoreContract, TheAuditLogHoldsEveryEventInOrder) {
  const TicketId id = Insert(NewTicket(direct_, requester_, "audited"));
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    Event on_ticket{0, id, agent_.id, "ticket.created", "", "", "audited", false, kNow};
    TD_CHECK(tx.AppendEvent(on_ticket));
    auto directory = DirectoryEvent(agent_.id, "user.created", "user", requester_.id.value, kNow);
    return tx.AppendEvent(directory);
  }));
  auto all = ReadValue<std::vector<Event>>(*store_, [](ReadTx& tx) { return tx.ListAllEvents(0, 10); });
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].ticket_id, id);
  EXPECT_FALSE((*all)[1].ticket_id.valid());
  EXPECT_EQ((*all)[1].after, std::to_string(requester_.id.value));
  auto rest = ReadValue<std::vector<Event>>(*store_, [&](ReadTx& tx) { return tx.ListAllEvents((*all)[0].id, 10); });
  ASSERT_EQ(rest->size(), 1u);
  EXPECT_EQ((*rest)[0].action, "user.created");
  auto latest = ReadValue<std::int64_t>(*store_, [](ReadTx& tx) { return tx.LatestEventId(); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(*latest, (*all)[1].id);
}

TEST_P(StoreContract, AnEmptyHistoryHasNoLatestEvent) {
  // The fixture's directory is written without events; a fresh store starts its stream at 0.
  auto all = ReadValue<std::vector<Event>>(*store_, [](ReadTx& tx) { return tx.ListAllEvents(0, 1000); });
  ASSERT_TRUE(all);
  auto latest = ReadValue<std::int64_t>(*store_, [](ReadTx& tx) { return tx.LatestEventId(); });
  ASSERT_TRUE(latest);
  EXPECT_EQ(*latest, all->empty() ? 0 : all->back().id);
}

TEST_P(StoreContract, SignInsKeepTheirClientsAndTheAuditLogTheirAddresses) {
  auto known = [&](std::string_view address, std::string_view device, Timestamp since) {
    auto found = ReadValue<KnownClient>(
        *store_, [&](ReadTx& tx) { return tx.FindKnownClient(agent_.id, address, device, since); });
    EXPECT_TRUE(found);
    return found.value_or(KnownClient{});
  };
  EXPECT_FALSE(known("203.0.113.7", "", kNow).address);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    TD_CHECK(tx.RememberClient(agent_.id, "203.0.113.7", "device-hash-1", kNow));
    auto event = DirectoryEvent(agent_.id, "user.signed_in", "user", agent_.id.value, kNow);
    event.client_address = "203.0.113.7";
    return tx.AppendEvent(event);
  }));
  EXPECT_TRUE(known("203.0.113.7", "", kNow).address);
  EXPECT_FALSE(known("203.0.113.7", "", kNow).device);
  EXPECT_TRUE(known("198.51.100.1", "device-hash-1", kNow).device);
  EXPECT_FALSE(known("198.51.100.1", "device-hash-1", kNow).address);
  EXPECT_FALSE(known("203.0.113.7", "device-hash-1", kNow + std::chrono::seconds(1)).address) << "seen too long ago";
  // Another user does not know the first one's clients.
  auto other = ReadValue<KnownClient>(
      *store_, [&](ReadTx& tx) { return tx.FindKnownClient(requester_.id, "203.0.113.7", "device-hash-1", kNow); });
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->address || other->device);
  // Seen again later: known since then; only the 20 most recent addresses are kept.
  for (int i = 0; i < 25; ++i) {
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) {
      return tx.RememberClient(agent_.id, "192.0.2." + std::to_string(i), "", kNow + std::chrono::minutes(i + 1));
    }));
  }
  EXPECT_FALSE(known("203.0.113.7", "", kNow).address) << "the oldest address was dropped";
  EXPECT_TRUE(known("192.0.2.24", "", kNow).address);
  EXPECT_TRUE(known("192.0.2.5", "", kNow).address);
  EXPECT_FALSE(known("192.0.2.4", "", kNow).address);
  EXPECT_TRUE(known("", "device-hash-1", kNow).device) << "devices are kept apart from addresses";

  auto all = ReadValue<std::vector<Event>>(*store_, [](ReadTx& tx) { return tx.ListAllEvents(0, 10); });
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].action, "user.signed_in");
  EXPECT_EQ((*all)[0].client_address, "203.0.113.7");

  PartnerSettings settings;
  EXPECT_FALSE(ReadValue<PartnerSettings>(*store_, [](ReadTx& tx) { return tx.GetPartnerSettings(); })->customer_users_any_domain);
  settings.customer_users_any_domain = true;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutPartnerSettings(settings); }));
  EXPECT_TRUE(ReadValue<PartnerSettings>(*store_, [](ReadTx& tx) { return tx.GetPartnerSettings(); })->customer_users_any_domain);
}

TEST_P(StoreContract, CalendarsRoundTripAndAreVersioned) {
  Calendar calendar;
  calendar.name = "Seoul office";
  calendar.spec.time_zone = "Asia/Seoul";
  calendar.spec.intervals = {{0, 9 * 3600, 18 * 3600}, {4, 22 * 3600, 6 * 3600}};
  calendar.spec.holidays = {{0, 12, 25, 0, 86400, "Christmas"}};
  calendar.created_at = calendar.updated_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertCalendar(calendar); }));
  auto loaded = ReadValue<Calendar>(*store_, [&](ReadTx& tx) { return tx.GetCalendar(calendar.id); });
  ASSERT_TRUE(loaded);
  EXPECT_EQ(loaded->spec.intervals.size(), 2u);
  EXPECT_EQ(loaded->spec.holidays[0].name, "Christmas");
  Calendar twin = calendar;
  auto duplicate = store_->Write([&](WriteTx& tx) { return tx.InsertCalendar(twin); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  calendar.spec.always_open = true;
  calendar.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateCalendar(calendar, 1); }));
  auto stale = store_->Write([&](WriteTx& tx) { return tx.UpdateCalendar(calendar, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  EXPECT_TRUE(ReadValue<Calendar>(*store_, [&](ReadTx& tx) { return tx.GetCalendar(calendar.id); })->spec.always_open);
  EXPECT_EQ(ReadValue<std::vector<Calendar>>(*store_, [](ReadTx& tx) { return tx.ListCalendars(); })->size(), 1u);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.DeleteCalendar(calendar.id); }));
  EXPECT_EQ(ReadValue<Calendar>(*store_, [&](ReadTx& tx) { return tx.GetCalendar(calendar.id); }).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreContract, PlansKeepEveryVersion) {
  Plan plan;
  plan.name = "Basic";
  plan.coverage = {{"m365", Category::kTechnical}};
  plan.channels = {{ContactChannel::Kind::kPortal, "", {}}};
  plan.pricing.currency = "KRW";
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertPlan(plan, kNow); }));
  EXPECT_EQ(plan.version, 1);
  Plan next = plan;
  next.version = 2;
  next.coverage.push_back({"azure", Category::kBilling});
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.AddPlanVersion(next, kNow); }));
  auto stale = store_->Write([&](WriteTx& tx) { return tx.AddPlanVersion(next, kNow); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto current = ReadValue<Plan>(*store_, [&](ReadTx& tx) { return tx.GetPlan(plan.id, 0); });
  ASSERT_TRUE(current);
  EXPECT_EQ(current->version, 2);
  EXPECT_EQ(current->coverage.size(), 2u);
  auto first = ReadValue<Plan>(*store_, [&](ReadTx& tx) { return tx.GetPlan(plan.id, 1); });
  ASSERT_TRUE(first);
  EXPECT_EQ(first->coverage.size(), 1u) << "a signed version never changes";
  EXPECT_EQ(ReadValue<Plan>(*store_, [&](ReadTx& tx) { return tx.GetPlan(plan.id, 3); }).error().code, ErrorCode::kNotFound);
  auto all = ReadValue<std::vector<Plan>>(*store_, [](ReadTx& tx) { return tx.ListPlans(); });
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].version, 2);
  Plan twin = plan;
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.InsertPlan(twin, kNow); }).error().code, ErrorCode::kConflict);
}

TEST_P(StoreContract, AgreementsRoundTripWithOverrides) {
  Plan plan;
  plan.name = "Signed";
  plan.coverage = {{"m365", Category::kTechnical}};
  plan.channels = {{ContactChannel::Kind::kPortal, "", {}}};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertPlan(plan, kNow); }));
  Agreement a;
  a.customer_id = direct_.id;
  a.plan_id = plan.id;
  a.plan_version = 1;
  a.start = *ParseDay("2026-01-01");
  a.overrides.hourly_rate = 99'000;
  std::array<SeverityTargets, 3> targets{};
  targets[0].first_response = {30, Target::Basis::kCalendar};
  a.overrides.targets = targets;
  a.prepaid_minutes = 1200;
  a.created_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertAgreement(a); }));
  auto loaded = ReadValue<Agreement>(*store_, [&](ReadTx& tx) { return tx.GetAgreement(a.id); });
  ASSERT_TRUE(loaded) << loaded.error().detail;
  EXPECT_EQ(loaded->start, a.start);
  EXPECT_FALSE(loaded->end);
  EXPECT_EQ(loaded->overrides.hourly_rate, 99'000);
  EXPECT_FALSE(loaded->overrides.per_incident);
  ASSERT_TRUE(loaded->overrides.targets);
  EXPECT_EQ((*loaded->overrides.targets)[0].first_response.minutes, 30);
  EXPECT_EQ((*loaded->overrides.targets)[0].first_response.basis, Target::Basis::kCalendar);
  EXPECT_EQ(loaded->prepaid_minutes, 1200);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateAgreementEnd(a.id, *ParseDay("2026-12-31")); }));
  auto mine = ReadValue<std::vector<Agreement>>(*store_, [&](ReadTx& tx) { return tx.ListAgreements(direct_.id); });
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].end, *ParseDay("2026-12-31"));
  EXPECT_TRUE(ReadValue<std::vector<Agreement>>(*store_, [&](ReadTx& tx) { return tx.ListAgreements(resold_.id); })->empty());
  Agreement unsigned_version = a;
  unsigned_version.plan_version = 7;
  EXPECT_FALSE(store_->Write([&](WriteTx& tx) { return tx.InsertAgreement(unsigned_version); }))
      << "an agreement names a version that exists";
}

TEST_P(StoreContract, PartnerSettingsAndTicketTerms) {
  EXPECT_FALSE(ReadValue<PartnerSettings>(*store_, [](ReadTx& tx) { return tx.GetPartnerSettings(); })->default_plan.valid());
  Plan plan;
  plan.name = "Default";
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertPlan(plan, kNow); }));
  PartnerSettings settings{plan.id, "support@partner.example", "+82 2 000 0000", "https://partner.example/support"};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutPartnerSettings(settings); }));
  settings.support_phone = "+82 2 111 1111";
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutPartnerSettings(settings); }));
  auto loaded = ReadValue<PartnerSettings>(*store_, [](ReadTx& tx) { return tx.GetPartnerSettings(); });
  EXPECT_EQ(loaded->default_plan, plan.id);
  EXPECT_EQ(loaded->support_phone, "+82 2 111 1111");
  Ticket t = NewTicket(direct_, requester_, "quoted");
  t.scope = "out_of_scope_billable";
  t.plan_id = plan.id;
  t.plan_version = 1;
  t.quote_currency = "KRW";
  t.quote_hourly_rate = 150'000;
  t.quote_increment_minutes = 30;
  const TicketId id = Insert(t);
  auto read = ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  EXPECT_EQ(read->scope, "out_of_scope_billable");
  EXPECT_EQ(read->plan_id, plan.id);
  EXPECT_EQ(read->quote_hourly_rate, 150'000);
  EXPECT_EQ(read->quote_increment_minutes, 30);
  EXPECT_FALSE(read->agreement_id.valid());
}

TEST_P(StoreContract, TermsVersionMovesWithEveryChangeOfTerms) {
  auto version = [&] { return *ReadValue<std::int64_t>(*store_, [](ReadTx& tx) { return tx.TermsVersion(); }); };
  const auto start = version();
  const TicketId id = Insert(NewTicket(direct_, requester_, "tickets are not terms"));
  (void)id;
  EXPECT_EQ(version(), start) << "tickets do not change terms";
  Plan plan;
  plan.name = "Versioned terms";
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertPlan(plan, kNow); }));
  const auto after_plan = version();
  EXPECT_GT(after_plan, start);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutPartnerSettings({plan.id, "", "", ""}); }));
  EXPECT_GT(version(), after_plan);
  const auto before_calendar = version();
  Calendar calendar;
  calendar.name = "Terms";
  calendar.spec.always_open = true;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertCalendar(calendar); }));
  EXPECT_GT(version(), before_calendar);
}

TEST_P(StoreContract, SlaClocksAndTheirSummaryRoundTrip) {
  Ticket t = NewTicket(direct_, requester_, "clocked");
  t.sla.hours = CalendarId{7};
  t.sla.pause_in_pending_vendor = false;
  t.sla[ClockKind::kResolution].target = {480, Target::Basis::kBusiness};
  t.sla[ClockKind::kResolution].started_at = 1'700'000'000;
  t.sla[ClockKind::kResolution].runs = {{1'700'000'000, 1'700'003'600}};
  t.sla[ClockKind::kResolution].running_since = 1'700'007'200;
  t.sla[ClockKind::kResolution].warned = true;
  t.sla_due_at = kNow + std::chrono::hours(2);
  t.sla_watch_at = kNow + std::chrono::hours(1);
  const TicketId id = Insert(t);
  auto read = ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(EncodeSla(read->sla), EncodeSla(t.sla));
  EXPECT_EQ(read->sla_due_at, t.sla_due_at);
  EXPECT_EQ(read->sla_watch_at, t.sla_watch_at);
  EXPECT_FALSE(read->sla_breached);

  // SaveTicketSla writes the clocks and summary, not the version; updated_at never goes back.
  read->sla[ClockKind::kResolution].breach_raised = true;
  read->sla_breached = true;
  read->sla_due_at.reset();
  read->sla_watch_at.reset();
  read->updated_at = kNow - std::chrono::hours(1);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.SaveTicketSla(*read); }));
  auto saved = ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  EXPECT_TRUE(saved->sla[ClockKind::kResolution].breach_raised);
  EXPECT_TRUE(saved->sla_breached);
  EXPECT_FALSE(saved->sla_due_at.has_value());
  EXPECT_EQ(saved->version, t.version);
  EXPECT_EQ(saved->updated_at, kNow);
  Ticket missing = *saved;
  missing.id = TicketId{id.value + 1000};
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.SaveTicketSla(missing); }).error().code, ErrorCode::kNotFound);
}

TEST_P(StoreContract, SlaWatchAndLiveTicketQueries) {
  std::vector<TicketId> ids;
  for (int i = 0; i < 4; ++i) {
    Ticket t = NewTicket(direct_, requester_, "watch " + std::to_string(i));
    if (i < 3) t.sla_watch_at = kNow + std::chrono::minutes(10 * (3 - i));  // 30, 20, 10 minutes
    if (i == 3) t.status = TicketStatus::kClosed;
    ids.push_back(Insert(t));
  }
  auto due = [&](Timestamp now, int limit) {
    return *ReadValue<std::vector<TicketId>>(*store_, [&](ReadTx& tx) { return tx.ListSlaWatchDue(now, limit); });
  };
  EXPECT_EQ(due(kNow, 10), std::vector<TicketId>{});
  EXPECT_EQ(due(kNow + std::chrono::minutes(20), 10), (std::vector<TicketId>{ids[2], ids[1]})) << "earliest first";
  EXPECT_EQ(due(kNow + std::chrono::minutes(30), 1), std::vector<TicketId>{ids[2]});
  auto live = *ReadValue<std::vector<TicketId>>(*store_, [&](ReadTx& tx) { return tx.ListLiveTickets(TicketId{}, 10); });
  EXPECT_EQ(live, (std::vector<TicketId>{ids[0], ids[1], ids[2]})) << "closed tickets are not live";
  live = *ReadValue<std::vector<TicketId>>(*store_, [&](ReadTx& tx) { return tx.ListLiveTickets(ids[0], 1); });
  EXPECT_EQ(live, std::vector<TicketId>{ids[1]});
}

TEST_P(StoreContract, OutboxAndJobState) {
  const TicketId id = Insert(NewTicket(direct_, requester_, "notified"));
  Event event{0, id, UserId{}, "sla.breached", "resolution", "0", "2026-11-24T00:00:00.000Z", true, kNow};
  OutboxEntry entry{0, 0, "sla.breached", id, kNow, std::nullopt, 0};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    TD_CHECK(tx.AppendEvent(event));
    entry.event_id = event.id;
    return tx.InsertOutbox(entry);
  }));
  EXPECT_GT(entry.id, 0);
  auto outbox = *ReadValue<std::vector<OutboxEntry>>(*store_, [](ReadTx& tx) { return tx.ListOutbox(0, 10); });
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].event_id, event.id);
  EXPECT_EQ(outbox[0].topic, "sla.breached");
  EXPECT_EQ(outbox[0].ticket_id, id);
  EXPECT_EQ(outbox[0].created_at, kNow);
  EXPECT_TRUE(ReadValue<std::vector<OutboxEntry>>(*store_, [&](ReadTx& tx) { return tx.ListOutbox(entry.id, 10); })->empty());

  auto state = [&] {
    return *ReadValue<std::optional<std::string>>(*store_, [](ReadTx& tx) { return tx.GetJobState("sla.terms"); });
  };
  EXPECT_EQ(state(), std::nullopt);
  ASSERT_TRUE(store_->Write([](WriteTx& tx) { return tx.PutJobState("sla.terms", "1 75 |"); }));
  ASSERT_TRUE(store_->Write([](WriteTx& tx) { return tx.PutJobState("sla.terms", "2 75 | 4"); }));
  EXPECT_EQ(state(), "2 75 | 4");
}

TEST_P(StoreContract, HolderUnderpinningAndProviderSharedItems) {
  Ticket t = NewTicket(direct_, requester_, "routed");
  t.provider_id = provider_.id;
  t.holder = Holder::kProvider;
  t.underpinning[ClockKind::kFirstResponse].target = {60, Target::Basis::kCalendar};
  t.underpinning[ClockKind::kFirstResponse].started_at = 1'700'000'000;
  t.underpinning[ClockKind::kFirstResponse].running_since = 1'700'000'000;
  const TicketId id = Insert(t);
  auto read = *ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); });
  EXPECT_EQ(read.holder, Holder::kProvider);
  EXPECT_EQ(EncodeSla(read.underpinning), EncodeSla(t.underpinning));
  read.underpinning[ClockKind::kFirstResponse].stopped_at = 1'700'000'600;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.SaveTicketSla(read); }));
  EXPECT_EQ(ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), id); })
                ->underpinning[ClockKind::kFirstResponse].stopped_at,
            1'700'000'600);

  // The provider sees public items, items shared with it, and nothing else internal.
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    for (const auto& [body, kind, shared] : {std::tuple{"public", MessageKind::kPublicReply, false},
                                             std::tuple{"private", MessageKind::kInternalNote, false},
                                             std::tuple{"shared", MessageKind::kInternalNote, true}}) {
      Message m{{}, id, agent_.id, partner_.id, kind, body, "", kNow};
      m.shared_with_provider = shared;
      TD_CHECK(tx.InsertMessage(m));
      Event e{0, id, agent_.id, "message.added", std::string(ToString(kind)), "", body, IsInternal(kind), kNow};
      e.shared = shared;
      TD_CHECK(tx.AppendEvent(e));
      Attachment a{{}, id, m.id, std::string(64, 'a'), 1, "text/plain", std::string(body) + ".txt", agent_.id,
                   IsInternal(kind), kNow};
      a.shared = shared;
      TD_CHECK(tx.InsertAttachment(a));
    }
    return Ok();
  }));
  const User provider_agent{{}, provider_.id, "p@provider.example", "P", Role::kProviderAgent, true, kNow};
  const auto scope = TicketScopeFor(ActorOf(provider_agent, OrgKind::kProvider));
  auto names = [](const auto& items, auto field) {
    std::vector<std::string> out;
    for (const auto& item : items) out.push_back(field(item));
    return out;
  };
  const auto messages = *ReadValue<std::vector<Message>>(*store_, [&](ReadTx& tx) { return tx.ListMessages(scope, id); });
  EXPECT_EQ(names(messages, [](const Message& m) { return m.body; }), (std::vector<std::string>{"public", "shared"}));
  EXPECT_TRUE(messages[1].shared_with_provider);
  const auto events = *ReadValue<std::vector<Event>>(*store_, [&](ReadTx& tx) { return tx.ListEvents(scope, id); });
  EXPECT_EQ(names(events, [](const Event& e) { return e.after; }), (std::vector<std::string>{"public", "shared"}));
  const auto files = *ReadValue<std::vector<Attachment>>(*store_, [&](ReadTx& tx) { return tx.ListAttachments(scope, id); });
  EXPECT_EQ(names(files, [](const Attachment& a) { return a.filename; }), (std::vector<std::string>{"public.txt", "shared.txt"}));
}

TEST_P(StoreContract, TeamsAssignmentAndAvailability) {
  Team team{{}, "Azure", {agent_.id}, kNow};
  team.assignment = Assignment::kRoundRobin;
  team.tier = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertTeam(team); }));
  const auto roster = *ReadValue<ReadTx::TeamRoster>(*store_, [&](ReadTx& tx) { return tx.GetTeamRoster(team.id); });
  EXPECT_EQ(roster.team.name, "Azure");
  EXPECT_EQ(roster.team.assignment, Assignment::kRoundRobin);
  ASSERT_EQ(roster.members.size(), 1u);
  EXPECT_EQ(roster.members[0].email, agent_.email);
  Team empty{{}, "Empty", {}, kNow};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertTeam(empty); }));
  const auto nobody = *ReadValue<ReadTx::TeamRoster>(*store_, [&](ReadTx& tx) { return tx.GetTeamRoster(empty.id); });
  EXPECT_EQ(nobody.team.name, "Empty");
  EXPECT_TRUE(nobody.members.empty());
  EXPECT_EQ(ReadValue<ReadTx::TeamRoster>(*store_, [&](ReadTx& tx) { return tx.GetTeamRoster(TeamId{999}); }).error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.SetTeamCursor(team.id, agent_.id); }));
  EXPECT_EQ(ReadValue<Team>(*store_, [&](ReadTx& tx) { return tx.GetTeam(team.id); })->last_assigned, agent_.id);
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.SetTeamCursor(TeamId{999}, agent_.id); }).error().code,
            ErrorCode::kNotFound);
  team.last_assigned = agent_.id;
  team.assignment = Assignment::kLeastOpen;
  team.members = {};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateTeam(team); }));
  auto read = *ReadValue<Team>(*store_, [&](ReadTx& tx) { return tx.GetTeam(team.id); });
  EXPECT_EQ(read.assignment, Assignment::kLeastOpen);
  EXPECT_EQ(read.tier, 2);
  EXPECT_EQ(read.last_assigned, agent_.id);
  EXPECT_TRUE(read.members.empty());
  Team other{{}, "Other", {}, kNow};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertTeam(other); }));
  other.name = "Azure";
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.UpdateTeam(other); }).error().code, ErrorCode::kConflict);

  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateUserAvailability(agent_.id, true, CalendarId{}); }));
  EXPECT_TRUE(ReadValue<User>(*store_, [&](ReadTx& tx) { return tx.GetUser(agent_.id); })->away);
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.UpdateUserAvailability(UserId{999}, false, CalendarId{}); })
                .error().code,
            ErrorCode::kNotFound);

  // Live tickets per assignee: closed ones do not count.
  for (const auto status : {TicketStatus::kOpen, TicketStatus::kPendingVendor, TicketStatus::kClosed}) {
    Ticket t = NewTicket(direct_, requester_, "assigned");
    t.assignee_id = agent_.id;
    t.status = status;
    Insert(t);
  }
  const auto counts = *ReadValue<std::unordered_map<UserId, std::int64_t>>(
      *store_, [&](ReadTx& tx) { return tx.CountLiveTicketsByAssignee({agent_.id, requester_.id}); });
  EXPECT_EQ(counts.at(agent_.id), 2);
  EXPECT_FALSE(counts.count(requester_.id));
}

TEST_P(StoreContract, EntitlementsAndCompetenciesRoundTripAndAreVersioned) {
  Competency gold;
  gold.level = CompetencyLevel::kSilver;
  gold.area = "Cloud Platform";
  gold.cloud = false;
  gold.valid_from = *ParseDay("2026-01-01");
  gold.expires_on = *ParseDay("2026-12-31");
  gold.created_at = gold.updated_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertCompetency(gold); }));
  ASSERT_TRUE(gold.id.valid());

  Entitlement premier;
  premier.kind = "signature";
  premier.name = "Signature";
  premier.categories = {Category::kTechnical, Category::kBilling};
  premier.products = ProductCoverage::kAll;
  premier.services = {"azure", "m365"};
  premier.valid_from = *ParseDay("2026-01-01");
  premier.valid_to = *ParseDay("2026-12-31");
  premier.unit = CapacityUnit::kHours;
  premier.capacity = 2400;
  premier.consumed = 90;
  premier.currency = "USD";
  premier.unit_cost = 25'000;
  premier.contract_id = "PRM-1";
  premier.access_id = "ACC-9";
  premier.competency_id = gold.id;
  premier.created_at = premier.updated_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertEntitlement(premier); }));
  Entitlement open_ended = premier;
  open_ended.name = "Open-ended";
  open_ended.valid_to.reset();
  open_ended.services.clear();
  open_ended.competency_id = {};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertEntitlement(open_ended); }));
  Entitlement taken = premier;
  auto duplicate = store_->Write([&](WriteTx& tx) { return tx.InsertEntitlement(taken); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);

  auto listed = ReadValue<std::vector<Entitlement>>(*store_, [](ReadTx& tx) { return tx.ListEntitlements(); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 2u);
  const Entitlement& read = (*listed)[0];
  EXPECT_EQ(read.id, premier.id);
  EXPECT_EQ(read.kind, "signature");
  EXPECT_EQ(read.categories, premier.categories);
  EXPECT_EQ(read.products, ProductCoverage::kAll);
  EXPECT_EQ(read.services, premier.services);
  EXPECT_EQ(read.valid_from, premier.valid_from);
  EXPECT_EQ(read.valid_to, premier.valid_to);
  EXPECT_EQ(read.unit, CapacityUnit::kHours);
  EXPECT_EQ(read.capacity, 2400);
  EXPECT_EQ(read.consumed, 90);
  EXPECT_EQ(read.currency, "USD");
  EXPECT_EQ(read.unit_cost, 25'000);
  EXPECT_EQ(read.contract_id, "PRM-1");
  EXPECT_EQ(read.access_id, "ACC-9");
  EXPECT_EQ(read.competency_id, gold.id);
  EXPECT_EQ(read.created_at, kNow);
  EXPECT_FALSE((*listed)[1].valid_to);
  EXPECT_TRUE((*listed)[1].services.empty());
  EXPECT_FALSE((*listed)[1].competency_id.valid());

  Entitlement changed = read;
  changed.consumed = 150;
  changed.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateEntitlement(changed, 1); }));
  auto stale = store_->Write([&](WriteTx& tx) { return tx.UpdateEntitlement(changed, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);
  auto again = ReadValue<Entitlement>(*store_, [&](ReadTx& tx) { return tx.GetEntitlement(premier.id); });
  EXPECT_EQ(again->consumed, 150);
  EXPECT_EQ(again->version, 2);

  auto read_gold = ReadValue<Competency>(*store_, [&](ReadTx& tx) { return tx.GetCompetency(gold.id); });
  ASSERT_TRUE(read_gold);
  EXPECT_EQ(read_gold->level, CompetencyLevel::kSilver);
  EXPECT_EQ(read_gold->area, "Cloud Platform");
  EXPECT_FALSE(read_gold->cloud);
  EXPECT_EQ(read_gold->expires_on, gold.expires_on);
  Competency renewed = *read_gold;
  renewed.expires_on = *ParseDay("2027-12-31");
  renewed.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateCompetency(renewed, 1); }));
  EXPECT_FALSE(store_->Write([&](WriteTx& tx) { return tx.UpdateCompetency(renewed, 1); }));

  auto in_use = store_->Write([&](WriteTx& tx) { return tx.DeleteCompetency(gold.id); });
  ASSERT_FALSE(in_use);
  EXPECT_EQ(in_use.error().code, ErrorCode::kConflict);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.DeleteEntitlement(premier.id); }));
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.DeleteEntitlement(premier.id); }).error().code,
            ErrorCode::kNotFound);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.DeleteCompetency(gold.id); }));
  EXPECT_EQ(ReadValue<Competency>(*store_, [&](ReadTx& tx) { return tx.GetCompetency(gold.id); }).error().code,
            ErrorCode::kNotFound);
}

TEST_P(StoreContract, VendorCasesRoundTripPerTicketAndAreVersioned) {
  const TicketId ticket = Insert(NewTicket(direct_, requester_, "escalated"));
  const TicketId other = Insert(NewTicket(direct_, requester_, "not escalated"));
  VendorCase c;
  c.ticket_id = ticket;
  c.kind = "commercial";
  c.case_number = "";
  c.severity = Severity::kCritical;
  c.support_topic = "Billing / Invoice";
  c.contact = {"Kim", "kim@partner.example", "+82 2 555 0100"};
  c.status = VendorCaseStatus::kDraft;
  c.created_by = requester_.id;
  c.created_at = c.updated_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertVendorCase(c); }));
  ASSERT_TRUE(c.id.valid());

  VendorCase submitted = c;
  submitted.case_number = "2611240010001234";
  submitted.status = VendorCaseStatus::kSubmitted;
  submitted.submitted_at = kNow;
  submitted.first_response_due = VendorFirstResponseDue(Severity::kCritical, kNow);
  submitted.share_case_number = true;
  submitted.first_responded_at = kNow + std::chrono::hours(1);
  submitted.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateVendorCase(submitted, 1); }));
  auto stale = store_->Write([&](WriteTx& tx) { return tx.UpdateVendorCase(submitted, 1); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, ErrorCode::kPreconditionFailed);

  auto listed = ReadValue<std::vector<VendorCase>>(*store_, [&](ReadTx& tx) { return tx.ListVendorCases(ticket); });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  const VendorCase& read = (*listed)[0];
  EXPECT_EQ(read.kind, "commercial");
  EXPECT_FALSE(read.entitlement.valid());
  EXPECT_EQ(read.case_number, "2611240010001234");
  EXPECT_EQ(read.severity, Severity::kCritical);
  EXPECT_EQ(read.contact.phone, "+82 2 555 0100");
  EXPECT_EQ(read.status, VendorCaseStatus::kSubmitted);
  EXPECT_TRUE(read.share_case_number);
  EXPECT_EQ(read.first_response_due, kNow + std::chrono::hours(2));
  EXPECT_EQ(read.first_responded_at, kNow + std::chrono::hours(1));
  EXPECT_FALSE(read.closed_at);
  EXPECT_EQ(read.version, 2);
  EXPECT_TRUE(ReadValue<std::vector<VendorCase>>(*store_, [&](ReadTx& tx) { return tx.ListVendorCases(other); })->empty());
  EXPECT_EQ(ReadValue<VendorCase>(*store_, [&](ReadTx& tx) { return tx.GetVendorCase(VendorCaseId{c.id.value + 1}); })
                .error()
                .code,
            ErrorCode::kNotFound);
}

TEST_P(StoreContract, FollowedVendorCasesAndTheirNotesBothWays) {
  const TicketId ticket = Insert(NewTicket(direct_, requester_, "followed"));
  auto insert_case = [&](const std::string& connector, VendorCaseStatus status) {
    VendorCase c;
    c.ticket_id = ticket;
    c.kind = "premier";
    c.connector = connector;
    c.status = status;
    c.created_by = requester_.id;
    c.created_at = c.updated_at = kNow;
    EXPECT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertVendorCase(c); }));
    return c;
  };
  const auto manual = insert_case("manual", VendorCaseStatus::kSubmitted);
  auto azure = insert_case("azure_support", VendorCaseStatus::kDraft);
  const auto closed = insert_case("partner_center", VendorCaseStatus::kClosed);
  const auto followed = insert_case("partner_center", VendorCaseStatus::kOpen);
  azure.remote_ref = "/subscriptions/s/providers/Microsoft.Support/supportTickets/tierdesk-1";
  azure.synced_at = kNow;
  azure.sync_error = "Microsoft kept answering 503";
  azure.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateVendorCase(azure, 1); }));
  auto synced = ReadValue<std::vector<VendorCase>>(*store_, [](ReadTx& tx) { return tx.ListSyncedVendorCases(); });
  ASSERT_TRUE(synced);
  ASSERT_EQ(synced->size(), 2u);  // neither the manual nor the closed one
  EXPECT_EQ((*synced)[0].id, azure.id);
  EXPECT_EQ((*synced)[0].remote_ref, azure.remote_ref);
  EXPECT_EQ((*synced)[0].synced_at, kNow);
  EXPECT_EQ((*synced)[0].sync_error, "Microsoft kept answering 503");
  EXPECT_EQ((*synced)[1].id, followed.id);

  // The queue across tickets: not closed by default, in id order, filtered, paged, scoped.
  const auto queue = [&](VendorCaseQuery query, TicketScope scope = SystemScope()) {
    std::vector<VendorCaseId> ids;
    auto listed = ReadValue<std::vector<VendorQueueItem>>(
        *store_, [&](ReadTx& tx) { return tx.ListVendorQueue(scope, query); });
    EXPECT_TRUE(listed) << listed.error().message;
    if (listed) {
      for (const auto& item : *listed) ids.push_back(item.vendor_case.id);
    }
    return ids;
  };
  using Ids = std::vector<VendorCaseId>;
  EXPECT_EQ(queue({}), (Ids{manual.id, azure.id, followed.id}));
  EXPECT_EQ(queue({{VendorCaseStatus::kClosed}}), Ids{closed.id});
  EXPECT_EQ(queue({{VendorCaseStatus::kDraft, VendorCaseStatus::kOpen}}), (Ids{azure.id, followed.id}));
  EXPECT_EQ(queue({{}, {"premier"}}), (Ids{manual.id, azure.id, followed.id}));
  EXPECT_EQ(queue({{}, {"commercial"}}), Ids{});
  EXPECT_EQ(queue({{}, {}, kNow - std::chrono::hours(1)}), Ids{});
  EXPECT_EQ(queue({{}, {}, kNow}), (Ids{manual.id, azure.id, followed.id}));
  EXPECT_EQ(queue({{}, {}, std::nullopt, true}), Ids{azure.id});
  EXPECT_EQ(queue({{}, {}, std::nullopt, false}), (Ids{manual.id, followed.id}));
  EXPECT_EQ(queue({{}, {}, std::nullopt, std::nullopt, manual.id, 1}), Ids{azure.id});
  const TicketScope stranger{TicketScope::Kind::kCustomer, OrgId{987654}, {}, Viewer::kCustomer};
  EXPECT_EQ(queue({}, stranger), Ids{});
  VendorCaseQuery one;
  auto item = ReadValue<std::vector<VendorQueueItem>>(*store_, [&](ReadTx& tx) { return tx.ListVendorQueue(SystemScope(), one); });
  ASSERT_TRUE(item && !item->empty());
  EXPECT_FALSE(item->front().subject.empty());
  EXPECT_TRUE(item->front().customer_id.valid());
  EXPECT_FALSE(item->front().customer_name.empty());

  Message message;
  message.ticket_id = ticket;
  message.kind = MessageKind::kVendorUpdate;
  message.body = "Please confirm the domain.";
  message.created_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertMessage(message); }));
  VendorNote in;
  in.vendor_case = followed.id;
  in.direction = NoteDirection::kFromVendor;
  in.key = "2026-11-24T08:30:00|Microsoft Support|Please confirm";
  in.author = "Microsoft Support";
  in.body = message.body;
  in.message = message.id;
  in.sent_at = kNow;
  in.created_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertVendorNote(in); }));
  auto again = in;
  auto duplicate = store_->Write([&](WriteTx& tx) { return tx.InsertVendorNote(again); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
  VendorNote out;
  out.vendor_case = followed.id;
  out.direction = NoteDirection::kToVendor;
  out.key = "3e0c6a52-5d0f-4c59-9a55-0b8d2f1f6a01";
  out.author = "Kim";
  out.body = "alpha.example only";
  out.created_at = kNow;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertVendorNote(out); }));
  auto unsent = ReadValue<std::vector<VendorNote>>(*store_, [](ReadTx& tx) { return tx.ListUnsentVendorNotes(); });
  ASSERT_EQ(unsent->size(), 1u);
  EXPECT_EQ((*unsent)[0].key, out.key);
  out.attempts = 2;
  out.sent_at = kNow + std::chrono::minutes(1);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateVendorNote(out); }));
  EXPECT_TRUE(ReadValue<std::vector<VendorNote>>(*store_, [](ReadTx& tx) { return tx.ListUnsentVendorNotes(); })->empty());
  auto notes = ReadValue<std::vector<VendorNote>>(*store_, [&](ReadTx& tx) { return tx.ListVendorNotes(followed.id); });
  ASSERT_EQ(notes->size(), 2u);
  EXPECT_EQ((*notes)[0].direction, NoteDirection::kFromVendor);
  EXPECT_EQ((*notes)[0].sent_at, kNow);
  EXPECT_EQ((*notes)[1].attempts, 2);
  EXPECT_EQ((*notes)[1].sent_at, kNow + std::chrono::minutes(1));
  auto found = ReadValue<std::optional<VendorNote>>(*store_, [&](ReadTx& tx) { return tx.FindVendorNoteByMessage(message.id); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->id, in.id);
  EXPECT_FALSE(ReadValue<std::optional<VendorNote>>(*store_, [&](ReadTx& tx) {
                 return tx.FindVendorNoteByMessage(MessageId{message.id.value + 100});
               })->has_value());
  EXPECT_TRUE(ReadValue<std::vector<VendorNote>>(*store_, [&](ReadTx& tx) { return tx.ListVendorNotes(manual.id); })->empty());
  // A vendor update is internal: customer scopes do not list it.
  TicketScope customer;
  customer.kind = TicketScope::Kind::kCustomer;
  customer.org = direct_.id;
  auto visible = ReadValue<std::vector<Message>>(*store_, [&](ReadTx& tx) { return tx.ListMessages(customer, ticket); });
  ASSERT_TRUE(visible);
  for (const auto& m : *visible) EXPECT_NE(m.kind, MessageKind::kVendorUpdate);
}

TEST_P(StoreContract, BillingKeepsPeriodsTheirWorkAndWhatClosingFroze) {
  using std::chrono::hours;
  // A ticket first resolved in the period, one resolved before it and reopened, one with time only.
  Ticket resolved = NewTicket(direct_, requester_, "resolved in November");
  resolved.status = TicketStatus::kResolved;
  const TicketId resolved_id = Insert(resolved);
  const TicketId worked = Insert(NewTicket(direct_, requester_, "worked on"));
  const TicketId elsewhere = Insert(NewTicket(resold_, resold_requester_, "another customer"));
  // Resolving, reopening and resolving again keeps the first resolution.
  auto later = ReadValue<Ticket>(*store_, [&](ReadTx& tx) { return tx.GetTicket(All(), worked); }).value();
  for (const auto status : {TicketStatus::kResolved, TicketStatus::kOpen, TicketStatus::kResolved}) {
    const auto version = later.version;
    later.status = status;
    later.version = version + 1;
    later.updated_at = later.updated_at + hours(1);
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateTicket(later, version); }));
  }
  for (const auto& [ticket, org, at, billable] :
       std::vector<std::tuple<TicketId, OrgId, Timestamp, bool>>{{worked, partner_.id, kNow, true},
                                                                 {worked, provider_.id, kNow + hours(2), false},
                                                                 {elsewhere, partner_.id, kNow, true},
                                                                 {worked, partner_.id, kNow + hours(24 * 40), true}}) {
    TimeEntry entry{0, ticket, agent_.id, org, 30, "", "EUR", 6000, 3000, "", 0, 0, at, at};
    entry.billable = billable;
    entry.activity = Activity::kAfterHours;
    entry.after_hours_minutes = billable ? 20 : 30;
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertTimeEntry(entry); }));
  }
  const Timestamp from = kNow - hours(1), to = kNow + hours(24);
  auto entries = ReadValue<std::vector<PeriodEntry>>(*store_, [&](ReadTx& tx) { return tx.ListPeriodEntries(from, to, direct_.id); });
  ASSERT_TRUE(entries);
  ASSERT_EQ(entries->size(), 2u);  // not the other customer's, not the later one
  std::sort(entries->begin(), entries->end(), [](const PeriodEntry& a, const PeriodEntry& b) { return a.id < b.id; });
  EXPECT_FALSE((*entries)[0].by_provider);
  EXPECT_EQ((*entries)[0].ticket, worked);
  EXPECT_EQ((*entries)[0].minutes, 30);
  EXPECT_TRUE((*entries)[1].by_provider);
  EXPECT_EQ((*entries)[1].cost_currency, "EUR");
  EXPECT_EQ((*entries)[1].cost_amount, 3000);
  EXPECT_FALSE((*entries)[1].billable);
  EXPECT_EQ((*entries)[1].activity, Activity::kAfterHours);
  EXPECT_EQ((*entries)[1].worked_at, kNow + hours(2));
  EXPECT_EQ((*entries)[0].after_hours_minutes, 20);
  EXPECT_EQ((*entries)[1].after_hours_minutes, 30);
  EXPECT_EQ(ReadValue<std::vector<PeriodEntry>>(*store_, [&](ReadTx& tx) { return tx.ListPeriodEntries(from, to, OrgId{}); })->size(), 3u);
  auto tickets = ReadValue<std::vector<PeriodTicket>>(*store_, [&](ReadTx& tx) { return tx.ListPeriodTickets(from, to, direct_.id); });
  ASSERT_EQ(tickets->size(), 2u);
  EXPECT_EQ((*tickets)[0].id, resolved_id);
  EXPECT_EQ((*tickets)[0].first_resolved_at, kNow);
  EXPECT_EQ((*tickets)[1].id, worked);
  EXPECT_EQ((*tickets)[1].first_resolved_at, kNow + hours(1));

  // An edit with a stale version is refused.
  auto entry = ReadValue<TimeEntry>(*store_, [&](ReadTx& tx) { return tx.GetTimeEntry((*entries)[0].id); }).value();
  EXPECT_EQ(entry.after_hours_minutes, 20);
  entry.minutes = 45;
  entry.after_hours_minutes = 45;
  entry.version = 2;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.UpdateTimeEntry(entry, 1); }));
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.UpdateTimeEntry(entry, 1); }).error().code, ErrorCode::kPreconditionFailed);
  EXPECT_EQ(ReadValue<TimeEntry>(*store_, [&](ReadTx& tx) { return tx.GetTimeEntry(entry.id); })->minutes, 45);
  EXPECT_EQ(ReadValue<TimeEntry>(*store_, [&](ReadTx& tx) { return tx.GetTimeEntry(entry.id); })->after_hours_minutes, 45);

  // Decisions on work that needs approval: kept in order, by customer and period.
  for (const auto decision : {ApprovalDecision::kApproved, ApprovalDecision::kRejected}) {
    BillingApproval approval{0, direct_.id, "2026-11", worked, decision, "by phone", agent_.id, kNow};
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertBillingApproval(approval); }));
    EXPECT_GT(approval.id, 0);
  }
  BillingApproval other{0, resold_.id, "2026-11", elsewhere, ApprovalDecision::kApproved, "", agent_.id, kNow};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertBillingApproval(other); }));
  const auto approvals = *ReadValue<std::vector<BillingApproval>>(
      *store_, [&](ReadTx& tx) { return tx.ListBillingApprovals(direct_.id, "2026-11"); });
  ASSERT_EQ(approvals.size(), 2u);
  EXPECT_EQ(approvals[0].decision, ApprovalDecision::kApproved);
  EXPECT_EQ(approvals[1].decision, ApprovalDecision::kRejected);
  EXPECT_EQ(approvals[1].ticket, worked);
  EXPECT_EQ(approvals[1].note, "by phone");
  EXPECT_EQ(approvals[1].decided_by, agent_.id);
  EXPECT_EQ(approvals[1].decided_at, kNow);
  EXPECT_EQ(ReadValue<std::vector<BillingApproval>>(*store_, [&](ReadTx& tx) { return tx.ListBillingApprovals(OrgId{}, "2026-11"); })->size(), 3u);
  EXPECT_TRUE(ReadValue<std::vector<BillingApproval>>(*store_, [&](ReadTx& tx) { return tx.ListBillingApprovals(OrgId{}, "2026-10"); })->empty());

  // Closing: once per customer and period; lines, costs and draws come back as written.
  PrepaidPurchase block{0, direct_.id, Pricing::BlockUnit::kHours, 600, 90000, "EUR", 20'000, agent_.id, kNow};
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertPrepaidPurchase(block); }));
  ChargeLine line;
  line.kind = LineKind::kPrepaidDraw;
  line.ticket = worked;
  line.description = "#2: 30 minutes";
  line.rule = "prepaid block";
  line.quantity = 30;
  line.unit = "minutes";
  line.currency = "EUR";
  line.entries = {7, 9};
  line.block = block.id;
  ChargeLine adjustment = line;
  adjustment.kind = LineKind::kAdjustment;
  adjustment.amount = -1500;
  adjustment.adjusts = "2026-10";
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    TD_CHECK(tx.InsertClosedPeriod({direct_.id, "2026-11", kNow, agent_.id}));
    TD_CHECK(tx.InsertBilledLines(direct_.id, "2026-11", {line, adjustment}));
    TD_CHECK(tx.InsertBilledCosts(direct_.id, "2026-11", {{CostKind::kProvider, worked, "provider time", 3000, "EUR"}}));
    TD_CHECK(tx.InsertBlockDraws(direct_.id, "2026-11", {{block.id, 30}}));
    return tx.MarkBillingChanged(direct_.id, "2026-10");
  }));
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.InsertClosedPeriod({direct_.id, "2026-11", kNow, agent_.id}); })
                .error()
                .code,
            ErrorCode::kConflict);
  const auto closed = *ReadValue<std::vector<ClosedPeriod>>(*store_, [&](ReadTx& tx) { return tx.ListClosedPeriods(direct_.id); });
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0].period, "2026-11");
  const auto november = *ReadValue<std::vector<BilledLine>>(*store_, [&](ReadTx& tx) { return tx.ListBilledLines(direct_.id, "2026-11"); });
  ASSERT_EQ(november.size(), 2u);
  EXPECT_EQ(november[0].line, line);
  EXPECT_EQ(november[1].line, adjustment);
  // October's lines include the adjustments later months made to it.
  const auto october = *ReadValue<std::vector<BilledLine>>(*store_, [&](ReadTx& tx) { return tx.ListBilledLines(direct_.id, "2026-10"); });
  ASSERT_EQ(october.size(), 1u);
  EXPECT_EQ(october[0].period, "2026-11");
  EXPECT_EQ(ReadValue<std::vector<BilledCost>>(*store_, [&](ReadTx& tx) { return tx.ListBilledCosts(direct_.id, "2026-11"); })->at(0).cost.amount, 3000);
  EXPECT_EQ(ReadValue<std::vector<BilledDraw>>(*store_, [&](ReadTx& tx) { return tx.ListBlockDraws(OrgId{}); })->at(0).draw,
            (BlockDraw{block.id, 30}));
  EXPECT_EQ(ReadValue<std::vector<PrepaidPurchase>>(*store_, [&](ReadTx& tx) { return tx.ListPrepaidPurchases(direct_.id); })->at(0).quantity, 600);
  using Changes = std::vector<std::pair<OrgId, std::string>>;
  EXPECT_EQ(ReadValue<Changes>(*store_, [](ReadTx& tx) { return tx.ListBillingChanges(); })->size(), 1u);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.ClearBillingChanged(direct_.id, "2026-10"); }));
  EXPECT_TRUE(ReadValue<Changes>(*store_, [](ReadTx& tx) { return tx.ListBillingChanges(); })->empty());

  // One timer per user.
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutTimer({agent_.id, worked, kNow}); }));
  EXPECT_EQ((*ReadValue<std::optional<Timer>>(*store_, [&](ReadTx& tx) { return tx.FindTimer(agent_.id); }))->ticket, worked);
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.DeleteTimer(agent_.id); }));
  EXPECT_FALSE(ReadValue<std::optional<Timer>>(*store_, [&](ReadTx& tx) { return tx.FindTimer(agent_.id); })->has_value());
}

TEST_P(StoreContract, ProviderContractsAreVersionedAndTimeEntriesKeepTheirMoney) {
  ProviderContract contract;
  contract.provider = provider_.id;
  contract.currency = "EUR";
  contract.hourly_cost = 4500;
  contract.targets[0].first_response = {30, Target::Basis::kCalendar};
  contract.version = 1;
  contract.updated_at = kNow;
  EXPECT_FALSE(ReadValue<std::optional<ProviderContract>>(*store_, [&](ReadTx& tx) {
                 return tx.GetProviderContract(provider_.id);
               })->has_value());
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutProviderContract(contract); }));
  EXPECT_EQ(store_->Write([&](WriteTx& tx) { return tx.PutProviderContract(contract); }).error().code,
            ErrorCode::kPreconditionFailed);
  contract.version = 2;
  contract.hourly_cost = 5000;
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.PutProviderContract(contract); }));
  auto read = **ReadValue<std::optional<ProviderContract>>(*store_, [&](ReadTx& tx) {
    return tx.GetProviderContract(provider_.id);
  });
  EXPECT_EQ(read.hourly_cost, 5000);
  EXPECT_EQ(read.version, 2);
  EXPECT_EQ(read.targets[0].first_response, contract.targets[0].first_response);

  const TicketId id = Insert(NewTicket(direct_, requester_, "timed"));
  for (const auto org : {provider_.id, partner_.id}) {
    TimeEntry entry{0, id, agent_.id, org, 45, "work", "EUR", 5000, 3750, "EUR", 12000, 9000, kNow, kNow};
    ASSERT_TRUE(store_->Write([&](WriteTx& tx) { return tx.InsertTimeEntry(entry); }));
    EXPECT_GT(entry.id, 0);
  }
  const auto all = *ReadValue<std::vector<TimeEntry>>(*store_, [&](ReadTx& tx) { return tx.ListTimeEntries(id, OrgId{}); });
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].cost_amount, 3750);
  EXPECT_EQ(all[0].price_amount, 9000);
  EXPECT_EQ(all[0].worked_at, kNow);
  const auto providers = *ReadValue<std::vector<TimeEntry>>(*store_, [&](ReadTx& tx) { return tx.ListTimeEntries(id, provider_.id); });
  ASSERT_EQ(providers.size(), 1u);
  EXPECT_EQ(providers[0].org_id, provider_.id);

  // Events by action, in a period, paged by id.
  ASSERT_TRUE(store_->Write([&](WriteTx& tx) -> Status {
    for (int i = 0; i < 3; ++i) {
      Event e{0, id, agent_.id, "ticket.escalated", "team_id", "1", "2", true, kNow + std::chrono::minutes(i)};
      TD_CHECK(tx.AppendEvent(e));
    }
    Event other{0, id, agent_.id, "ticket.updated", "status", "new", "open", false, kNow};
    return tx.AppendEvent(other);
  }));
  auto by_action = [&](Timestamp from, Timestamp to, std::int64_t after, int limit) {
    return *ReadValue<std::vector<Event>>(*store_, [&](ReadTx& tx) {
      return tx.ListEscalationEvents(from, to, after, limit);
    });
  };
  const auto escalations = by_action(kNow, kNow + std::chrono::hours(1), 0, 10);
  ASSERT_EQ(escalations.size(), 3u);
  EXPECT_EQ(by_action(kNow + std::chrono::minutes(1), kNow + std::chrono::minutes(2), 0, 10).size(), 1u);
  EXPECT_EQ(by_action(kNow, kNow + std::chrono::hours(1), escalations[0].id, 1).front().id, escalations[1].id);
}

TEST_P(StoreContract, ReadyAfterMigrations) { EXPECT_TRUE(store_->CheckReady()); }

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::ValuesIn(Backends()),
                         [](const ::testing::TestParamInfo<Backend>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace tierdesk::core
