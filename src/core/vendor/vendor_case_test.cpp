#include "core/vendor/vendor_case.hpp"

#include <gtest/gtest.h>

namespace tierdesk::core {
namespace {

using S = VendorCaseStatus;

TEST(VendorCase, StatusesMoveForwardAndCloseFromAnywhereButClosed) {
  const struct {
    S from;
    S to;
    bool allowed;
  } table[] = {
      {S::kDraft, S::kSubmitted, true},          {S::kDraft, S::kOpen, false},
      {S::kDraft, S::kClosed, true},             {S::kSubmitted, S::kOpen, true},
      {S::kSubmitted, S::kAttentionNeeded, true}, {S::kSubmitted, S::kDraft, false},
      {S::kOpen, S::kAttentionNeeded, true},     {S::kOpen, S::kSubmitted, false},
      {S::kAttentionNeeded, S::kOpen, true},     {S::kAttentionNeeded, S::kClosed, true},
      {S::kOpen, S::kOpen, false},               {S::kClosed, S::kOpen, false},
      {S::kClosed, S::kClosed, false},
  };
  for (const auto& row : table) {
    EXPECT_EQ(IsAllowedVendorTransition(row.from, row.to), row.allowed) << ToString(row.from) << " -> " << ToString(row.to);
  }
  EXPECT_FALSE(IsWithVendor(S::kDraft));
  EXPECT_TRUE(IsWithVendor(S::kSubmitted));
  EXPECT_TRUE(IsWithVendor(S::kAttentionNeeded));
  EXPECT_FALSE(IsWithVendor(S::kClosed));
  EXPECT_EQ(ParseVendorCaseStatus("attention_needed"), S::kAttentionNeeded);
  EXPECT_FALSE(ParseVendorCaseStatus("pending"));
}

TEST(VendorCase, MicrosoftsFirstResponseTargetsAreTwoFourAndEightHours) {
  const Timestamp at = FromUnixMillis(1'795'000'000'000);
  EXPECT_EQ(VendorFirstResponseDue(Severity::kCritical, at) - at, std::chrono::hours(2));
  EXPECT_EQ(VendorFirstResponseDue(Severity::kModerate, at) - at, std::chrono::hours(4));
  EXPECT_EQ(VendorFirstResponseDue(Severity::kMinimal, at) - at, std::chrono::hours(8));
}

TEST(VendorCase, MicrosoftsFirstResponseRunsFromSubmissionUntilItAnswers) {
  const Timestamp at = FromUnixMillis(1'795'000'000'000);
  VendorCase c;
  EXPECT_EQ(VendorFirstResponse(c, at), VendorClockState::kNone);
  c.first_response_due = VendorFirstResponseDue(Severity::kModerate, at);  // 4 hours
  EXPECT_EQ(VendorFirstResponse(c, at + std::chrono::hours(4)), VendorClockState::kRunning);
  EXPECT_EQ(VendorFirstResponse(c, at + std::chrono::hours(4) + std::chrono::milliseconds(1)), VendorClockState::kBreached);
  c.first_responded_at = at + std::chrono::hours(3);
  EXPECT_EQ(VendorFirstResponse(c, at + std::chrono::hours(9)), VendorClockState::kMet);
  c.first_responded_at = at + std::chrono::hours(5);
  EXPECT_EQ(VendorFirstResponse(c, at + std::chrono::hours(9)), VendorClockState::kBreached);
  EXPECT_EQ(ToString(VendorClockState::kBreached), "breached");
}

TEST(VendorCase, ClosingConsumesMinutesAnIncidentOrNothing) {
  EXPECT_EQ(ConsumptionOnClose(CapacityUnit::kHours, 95).value_or(-1), 95);
  EXPECT_EQ(ConsumptionOnClose(CapacityUnit::kIncidents, std::nullopt).value_or(-1), 1);
  EXPECT_EQ(ConsumptionOnClose(CapacityUnit::kUnlimited, 30).value_or(-1), 0);
  for (const auto minutes : {std::optional<std::int64_t>{}, std::optional<std::int64_t>{0},
                             std::optional<std::int64_t>{100'001}}) {
    auto missing = ConsumptionOnClose(CapacityUnit::kHours, minutes);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().fields.at(0).field, "consumed_minutes");
  }
}

TEST(VendorCase, TheManualSummaryCarriesWhatMicrosoftAsksFor) {
  Ticket ticket;
  ticket.id = TicketId{42};
  ticket.service = "azure";
  ticket.category = Category::kTechnical;
  VendorCase vendor_case;
  vendor_case.kind = "premier";
  vendor_case.severity = Severity::kCritical;
  vendor_case.support_topic = "Virtual Machine running Windows / Cannot start";
  vendor_case.contact = {"Kim Agent", "agent@partner.example", "+82 2 555 0100"};
  CaseFacts facts{"VM will not start", "After a resize the VM stays stopped.", "Contoso",
                  "0f8fad5b-d9cb-469f-a165-70867728950e", "1f8fad5b-d9cb-469f-a165-70867728950e",
                  {"Checked Azure service health", "Collected the boot diagnostics"}};
  const auto summary = ManualSummary(vendor_case, ticket, facts);
  EXPECT_EQ(summary.title, "VM will not start");
  EXPECT_EQ(summary.text,
            "Severity: critical\n"
            "Support path: Premier Support for Partners\n"
            "Support topic: Virtual Machine running Windows / Cannot start\n"
            "Customer: Contoso\n"
            "Tenant ID: 0f8fad5b-d9cb-469f-a165-70867728950e\n"
            "Subscription ID: 1f8fad5b-d9cb-469f-a165-70867728950e\n"
            "Partner contact: Kim Agent <agent@partner.example>, +82 2 555 0100\n"
            "Partner reference: ticket 42\n\n"
            "Description:\nAfter a resize the VM stays stopped.\n\n"
            "Steps taken:\n- Checked Azure service health\n- Collected the boot diagnostics\n");
  EXPECT_NE(summary.portal_url.find("portal.azure.com"), std::string::npos);
  ticket.category = Category::kBilling;
  EXPECT_NE(ManualSummary(vendor_case, ticket, facts).portal_url.find("partner.microsoft.com"), std::string::npos);
}

}  // namespace
}  // namespace tierdesk::core
