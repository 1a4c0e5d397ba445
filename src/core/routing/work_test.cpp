// Assignment inside a team, providers' contracts and the money of logged time.
#include "core/routing/work.hpp"

#include <gtest/gtest.h>

#include "core/offering/plan.hpp"

namespace tierdesk::core {
namespace {

AssignmentCandidate Member(std::int64_t id, bool eligible = true, std::int64_t open = 0) {
  return {UserId{id}, eligible, open};
}

TEST(Assignment, ManualNeverPicks) {
  EXPECT_FALSE(PickAssignee(Assignment::kManual, {Member(1), Member(2)}, UserId{}));
}

TEST(Assignment, NobodyEligibleMeansNobody) {
  EXPECT_FALSE(PickAssignee(Assignment::kRoundRobin, {Member(1, false), Member(2, false)}, UserId{}));
  EXPECT_FALSE(PickAssignee(Assignment::kLeastOpen, {}, UserId{}));
}

TEST(Assignment, RoundRobinTakesTheNextEligibleMemberAndWraps) {
  const std::vector<AssignmentCandidate> team = {Member(7), Member(3), Member(5, false), Member(9)};
  EXPECT_EQ(PickAssignee(Assignment::kRoundRobin, team, UserId{}), UserId{3});
  EXPECT_EQ(PickAssignee(Assignment::kRoundRobin, team, UserId{3}), UserId{7});  // 5 is away
  EXPECT_EQ(PickAssignee(Assignment::kRoundRobin, team, UserId{7}), UserId{9});
  EXPECT_EQ(PickAssignee(Assignment::kRoundRobin, team, UserId{9}), UserId{3});
  // The last one served may have left the team since: the next id after it still applies.
  EXPECT_EQ(PickAssignee(Assignment::kRoundRobin, team, UserId{8}), UserId{9});
}

TEST(Assignment, LeastOpenTakesTheLightestEligibleMemberLowestIdOnTies) {
  EXPECT_EQ(PickAssignee(Assignment::kLeastOpen, {Member(4, true, 3), Member(2, true, 5), Member(6, true, 1)},
                         UserId{}),
            UserId{6});
  EXPECT_EQ(PickAssignee(Assignment::kLeastOpen, {Member(4, true, 2), Member(2, true, 2), Member(6, false, 0)},
                         UserId{}),
            UserId{2});
}

TEST(Assignment, NamesRoundTrip) {
  for (const auto a : {Assignment::kManual, Assignment::kRoundRobin, Assignment::kLeastOpen}) {
    EXPECT_EQ(ParseAssignment(ToString(a)), a);
  }
  EXPECT_FALSE(ParseAssignment("random"));
}

ProviderContract GoodContract() {
  ProviderContract c;
  c.provider = OrgId{5};
  c.currency = "EUR";
  c.hourly_cost = 4500;
  c.targets[0].first_response = {30, Target::Basis::kCalendar};
  c.targets[0].resolution = {240, Target::Basis::kCalendar};
  c.targets[1].first_response = {120, Target::Basis::kBusiness};
  return c;
}

TEST(ProviderContract, ValidationNamesEachBadField) {
  EXPECT_TRUE(ValidateProviderContract(GoodContract()));
  struct Case {
    void (*mutate)(ProviderContract&);
    std::string field;
  };
  const Case cases[] = {
      {[](ProviderContract& c) { c.currency = "euro"; }, "currency"},
      {[](ProviderContract& c) { c.hourly_cost = -1; }, "hourly_cost"},
      {[](ProviderContract& c) { c.targets[2].resolution.minutes = 525'601; }, "targets.minimal"},
      {[](ProviderContract& c) { c.targets[1].next_response.minutes = 10; }, "targets"},
  };
  for (const auto& test : cases) {
    auto contract = GoodContract();
    test.mutate(contract);
    const auto status = ValidateProviderContract(contract);
    ASSERT_FALSE(status) << test.field;
    ASSERT_EQ(status.error().fields.size(), 1u) << test.field;
    EXPECT_EQ(status.error().fields[0].field, test.field);
  }
}

TEST(ProviderContract, TargetsSurviveStorage) {
  const auto contract = GoodContract();
  const auto decoded = DecodeTargets(EncodeTargets(contract.targets));
  ASSERT_TRUE(decoded);
  for (std::size_t s = 0; s < 3; ++s) {
    EXPECT_EQ((*decoded)[s].first_response, contract.targets[s].first_response);
    EXPECT_EQ((*decoded)[s].resolution, contract.targets[s].resolution);
  }
  EXPECT_FALSE(DecodeTargets("target 7 1 b 2 b 3 b\n"));
  EXPECT_FALSE(DecodeTargets("nonsense\n"));
}

TEST(TimeEntry, AmountsRoundHalfUpToMinorUnits) {
  EXPECT_EQ(AmountFor(60, 4500), 4500);
  EXPECT_EQ(AmountFor(15, 4500), 1125);
  EXPECT_EQ(AmountFor(1, 100), 2);    // 1.666... -> 2
  EXPECT_EQ(AmountFor(1, 90), 2);     // 1.5 -> 2
  EXPECT_EQ(AmountFor(1, 89), 1);     // 1.483... -> 1
  EXPECT_EQ(AmountFor(7, 0), 0);
  EXPECT_EQ(AmountFor(kMaxTimeEntryMinutes, 1'000'000'000'000), 24'000'000'000'000);
}

}  // namespace
}  // namespace tierdesk::core
