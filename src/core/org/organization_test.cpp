// Organisations and subscriptions: field shapes, patches, moves, deactivation, cancellation.
#include "core/org/organization.hpp"

#include <gtest/gtest.h>

#include "core/org/subscription.hpp"

namespace tierdesk::core {
namespace {

Organization Customer() {
  Organization org;
  org.id = OrgId{7};
  org.kind = OrgKind::kCustomer;
  org.name = "Alpha";
  org.parent_id = OrgId{1};
  org.time_zone = "Asia/Seoul";
  return org;
}

bool Names(const Error& error, const std::string& field) {
  for (const auto& f : error.fields) {
    if (f.field == field) return true;
  }
  return false;
}

TEST(OrganizationFields, CountryIsAnAssignedCodeAndIsUpperCased) {
  EXPECT_TRUE(IsCountryCode("KR"));
  EXPECT_TRUE(IsCountryCode("US"));
  EXPECT_FALSE(IsCountryCode("ZZ"));  // well formed, never assigned
  EXPECT_FALSE(IsCountryCode("kr"));
  EXPECT_FALSE(IsCountryCode("KOR"));
  NewOrganization org{OrgKind::kCustomer, "Alpha", {}, {}, "", " kr ", "", ""};
  ASSERT_TRUE(ValidateNewOrganization(org));
  EXPECT_EQ(org.country, "KR");
  NewOrganization bad{OrgKind::kCustomer, "Alpha", {}, {}, "", "XX", "", ""};
  const auto refused = ValidateNewOrganization(bad);
  ASSERT_FALSE(refused);
  EXPECT_TRUE(Names(refused.error(), "country"));
}

TEST(OrganizationFields, LocaleIsALanguageTag) {
  for (const char* good : {"en", "ko-KR", "zh-Hant-TW", "es-419", "sr-Latn"}) EXPECT_TRUE(IsLanguageTag(good)) << good;
  for (const char* bad : {"", "e", "english", "ko_KR", "ko-", "-ko", "ko--KR", "1a", "ko-KRKRKRKRK"}) {
    EXPECT_FALSE(IsLanguageTag(bad)) << bad;
  }
}

TEST(OrganizationFields, TimeZoneShapeRefusesPathsAndOddCharacters) {
  EXPECT_TRUE(IsTimeZoneName("Asia/Seoul"));
  EXPECT_TRUE(IsTimeZoneName("Etc/GMT+9"));
  EXPECT_TRUE(IsTimeZoneName("Mars/Base"));  // well formed: the tz database, not the core, refuses it
  for (const char* bad : {"", "../etc/passwd", "/Asia/Seoul", "Asia//Seoul", "Asia/Seoul ", "Asia\\Seoul"}) {
    EXPECT_FALSE(IsTimeZoneName(bad)) << bad;
  }
}

TEST(OrganizationPatch, ChangesAreNormalisedAndListed) {
  auto org = Customer();
  OrganizationPatch patch;
  patch.name = "  Alpha Corp ";
  patch.domains = std::vector<std::string>{"Alpha.Example", "alpha.example", "b.example"};
  patch.tenant_id = "7F9A1B5C-6D8E-4F0A-8B3C-4E5F60718293";
  patch.time_zone = "Asia/Seoul";  // unchanged: not listed
  const auto changes = ApplyOrganizationPatch(org, patch, Timestamp{});
  ASSERT_TRUE(changes) << changes.error().message;
  EXPECT_EQ(org.name, "Alpha Corp");
  EXPECT_EQ(org.domains, (std::vector<std::string>{"alpha.example", "b.example"}));
  EXPECT_EQ(org.tenant_id, "7f9a1b5c-6d8e-4f0a-8b3c-4e5f60718293");
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].field, "name");
  EXPECT_EQ((*changes)[1].after, "alpha.example,b.example");
  EXPECT_EQ((*changes)[2].field, "tenant_id");
}

TEST(OrganizationPatch, BadFieldsLeaveTheOrganisationUntouched) {
  auto org = Customer();
  OrganizationPatch patch;
  patch.name = "Renamed";
  patch.tenant_id = "not-a-guid";
  patch.locale = "english";
  patch.domains = std::vector<std::string>{"no domain"};
  const auto refused = ApplyOrganizationPatch(org, patch, Timestamp{});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidArgument);
  EXPECT_TRUE(Names(refused.error(), "tenant_id"));
  EXPECT_TRUE(Names(refused.error(), "locale"));
  EXPECT_TRUE(Names(refused.error(), "domains"));
  EXPECT_EQ(org.name, "Alpha");
}

TEST(OrganizationPatch, OnlyCustomersMoveAndThePartnerIsNeverDeactivated) {
  auto customer = Customer();
  OrganizationPatch move;
  move.parent_id = OrgId{3};
  const auto moved = ApplyOrganizationPatch(customer, move, Timestamp{});
  ASSERT_TRUE(moved);
  EXPECT_EQ(customer.parent_id, OrgId{3});
  ASSERT_EQ(moved->size(), 1u);
  EXPECT_EQ((*moved)[0].before, "1");
  EXPECT_EQ((*moved)[0].after, "3");

  auto reseller = Customer();
  reseller.kind = OrgKind::kReseller;
  EXPECT_FALSE(ApplyOrganizationPatch(reseller, move, Timestamp{}));

  auto partner = Customer();
  partner.kind = OrgKind::kPartner;
  partner.parent_id = OrgId{};
  OrganizationPatch off;
  off.active = false;
  const auto refused = ApplyOrganizationPatch(partner, off, Timestamp{});
  ASSERT_FALSE(refused);
  EXPECT_TRUE(Names(refused.error(), "active"));
}

TEST(OrganizationPatch, DeactivationIsStampedOnceAndReactivationClearsIt) {
  auto org = Customer();
  const Timestamp first = FromUnixMillis(1'000);
  OrganizationPatch off;
  off.active = false;
  ASSERT_TRUE(ApplyOrganizationPatch(org, off, first));
  EXPECT_EQ(org.deactivated_at, first);
  EXPECT_EQ(CheckOrganizationActive(org).error().type, "organization-deactivated");
  // Deactivating again changes nothing, not even the time.
  const auto again = ApplyOrganizationPatch(org, off, FromUnixMillis(2'000));
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(org.deactivated_at, first);
  OrganizationPatch on;
  on.active = true;
  ASSERT_TRUE(ApplyOrganizationPatch(org, on, FromUnixMillis(3'000)));
  EXPECT_TRUE(org.active());
  EXPECT_TRUE(CheckOrganizationActive(org));
}

TEST(SubscriptionRules, ACancelledSubscriptionCoversBillingQuestionsOnly) {
  Subscription s;
  s.name = "Azure plan";
  EXPECT_TRUE(CheckSubscriptionForTicket(s, true));
  s.status = SubscriptionStatus::kCancelled;
  EXPECT_TRUE(CheckSubscriptionForTicket(s, false));
  const auto technical = CheckSubscriptionForTicket(s, true);
  ASSERT_FALSE(technical);
  EXPECT_EQ(technical.error().type, "subscription-cancelled");
  SubscriptionPatch patch;
  patch.name = "New name";
  EXPECT_EQ(ApplySubscriptionPatch(s, patch).error().code, ErrorCode::kConflict);
}

TEST(SubscriptionRules, APatchListsEachChangedField) {
  Subscription s;
  s.id = SubscriptionId{4};
  s.name = "Azure plan";
  s.external_id = "11111111-2222-3333-4444-555555555555";
  s.service = "azure";
  SubscriptionPatch patch;
  patch.name = " Azure plan (prod) ";
  patch.new_commerce = false;
  patch.service = "Not A Code";
  EXPECT_FALSE(ApplySubscriptionPatch(s, patch));
  EXPECT_EQ(s.name, "Azure plan");
  patch.service = "azure";
  const auto lines = ApplySubscriptionPatch(s, patch);
  ASSERT_TRUE(lines);
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].field, "name");
  EXPECT_EQ((*lines)[0].after, "Azure plan (prod)");
  EXPECT_EQ((*lines)[1].field, "new_commerce");
  EXPECT_EQ((*lines)[1].before, "true");
}

TEST(SubscriptionHistory, OutsidersReadFromTheTransferToTheirCustomerWithoutItsReason) {
  Subscription s;
  s.id = SubscriptionId{5};
  s.customer_id = OrgId{9};
  const auto line = [](std::string action, std::string field, std::string before, std::string after) {
    SubscriptionHistoryEntry e;
    e.action = std::move(action);
    e.field = std::move(field);
    e.before = std::move(before);
    e.after = std::move(after);
    e.reason = "because";
    return e;
  };
  std::vector<SubscriptionHistoryEntry> history = {
      line("subscription.created", "", "", ""),
      line("subscription.updated", "name", "Old", "Secret plans"),
      line("subscription.transferred", "customer_id", "7", "9"),
      line("subscription.transferred", "support_contact_id", "3", "1"),
      line("subscription.updated", "name", "Secret plans", "Ours"),
  };
  const auto seen = HistoryForOutsider(s, history, [](std::string_view org) { return org == "9" || org == "1"; });
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0].field, "customer_id");
  EXPECT_EQ(seen[0].before, "");
  EXPECT_EQ(seen[0].reason, "") << "the reason was given about the earlier customer";
  EXPECT_EQ(seen[1].before, "");
  EXPECT_EQ(seen[1].after, "1");
  EXPECT_EQ(seen[2].reason, "because") << "its own edits keep their reason";
  // Never transferred: the whole history.
  s.customer_id = OrgId{7};
  history.resize(2);
  EXPECT_EQ(HistoryForOutsider(s, history, [](std::string_view) { return true; }).size(), 2u);
}

TEST(SubscriptionHistory, TheSupportContactFollowsTheCustomersParent) {
  Subscription s;
  s.support_contact_id = OrgId{3};
  Organization customer;
  customer.parent_id = OrgId{8};
  const auto line = ResetSupportContact(s, customer, "subscription.updated", "customer moved", UserId{2}, Timestamp{});
  ASSERT_TRUE(line);
  EXPECT_EQ(s.support_contact_id, OrgId{8});
  EXPECT_EQ(line->before, "3");
  EXPECT_EQ(line->after, "8");
  EXPECT_FALSE(ResetSupportContact(s, customer, "subscription.updated", "", UserId{}, Timestamp{}));
}

}  // namespace
}  // namespace tierdesk::core
