#include "core/ticket/ticket.hpp"

#include <gtest/gtest.h>

#include "core/ticket/filename.hpp"

namespace tierdesk::core {
namespace {

using S = TicketStatus;

TEST(TicketStatus, TransitionTable) {
  // Rows: from; columns: to, in enum order new, open, pending_customer, pending_vendor, resolved, closed.
  const bool expected[6][6] = {
      /* new              */ {true, true, true, true, true, false},
      /* open             */ {false, true, true, true, true, false},
      /* pending_customer */ {false, true, true, true, true, false},
      /* pending_vendor   */ {false, true, true, true, true, false},
      /* resolved         */ {false, true, false, false, true, true},
      /* closed           */ {false, false, false, false, false, true},
  };
  for (int from = 0; from < 6; ++from) {
    for (int to = 0; to < 6; ++to) {
      EXPECT_EQ(IsAllowedTransition(static_cast<S>(from), static_cast<S>(to)), expected[from][to])
          << ToString(static_cast<S>(from)) << " -> " << ToString(static_cast<S>(to));
    }
  }
}

TEST(TicketStatus, InvalidTransitionIsConflictWithType) {
  auto status = CheckTransition(S::kClosed, S::kOpen);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kConflict);
  EXPECT_EQ(status.error().type, "invalid-transition");
  EXPECT_NE(status.error().message.find("closed ticket is final"), std::string::npos);
}

TEST(TicketStatus, NamesRoundTrip) {
  for (int i = 0; i < 6; ++i) {
    const auto status = static_cast<S>(i);
    EXPECT_EQ(ParseTicketStatus(ToString(status)), status);
  }
  EXPECT_FALSE(ParseTicketStatus("Open"));
  EXPECT_FALSE(ParseTicketStatus(""));
}

Ticket SampleTicket() {
  Ticket t;
  t.id = TicketId{7};
  t.subject = "VM does not start";
  t.status = S::kOpen;
  t.version = 3;
  return t;
}

TEST(ApplyPatch, RecordsEachChangeAndBumpsVersionOnce) {
  Ticket t = SampleTicket();
  TicketPatch patch;
  patch.status = S::kPendingCustomer;
  patch.severity = Severity::kCritical;
  patch.tags = std::vector<std::string>{"B", "a", "b"};
  auto changes = ApplyPatch(t, patch);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 3u);
  EXPECT_EQ((*changes)[0].field, "status");
  EXPECT_EQ((*changes)[0].before, "open");
  EXPECT_EQ((*changes)[0].after, "pending_customer");
  EXPECT_EQ((*changes)[2].after, "a,b");
  EXPECT_EQ(t.version, 4);
  EXPECT_EQ(t.tags, (std::vector<std::string>{"a", "b"}));
}

TEST(ApplyPatch, NoChangeKeepsVersion) {
  Ticket t = SampleTicket();
  TicketPatch patch;
  patch.status = S::kOpen;
  patch.subject = "VM does not start";
  auto changes = ApplyPatch(t, patch);
  ASSERT_TRUE(changes);
  EXPECT_TRUE(changes->empty());
  EXPECT_EQ(t.version, 3);
}

TEST(ApplyPatch, InvalidTransitionLeavesTicketUntouched) {
  Ticket t = SampleTicket();
  t.status = S::kClosed;
  TicketPatch patch;
  patch.status = S::kOpen;
  patch.subject = "New subject";
  ASSERT_FALSE(ApplyPatch(t, patch));
  EXPECT_EQ(t.subject, "VM does not start");
  EXPECT_EQ(t.version, 3);
}

TEST(ApplyPatch, InvalidValuesAreFieldErrors) {
  Ticket t = SampleTicket();
  TicketPatch patch;
  patch.subject = std::string("bad\x01subject");
  patch.tags = std::vector<std::string>{"has space"};
  auto changes = ApplyPatch(t, patch);
  ASSERT_FALSE(changes);
  EXPECT_EQ(changes.error().code, ErrorCode::kInvalidArgument);
  ASSERT_EQ(changes.error().fields.size(), 2u);
  EXPECT_EQ(changes.error().fields[0].field, "subject");
  EXPECT_EQ(changes.error().fields[1].field, "tags");
}

TEST(ApplyPatch, ClearingTeamRecordsEmptyAfter) {
  Ticket t = SampleTicket();
  t.team_id = TeamId{5};
  TicketPatch patch;
  patch.team_id = TeamId{};
  auto changes = ApplyPatch(t, patch);
  ASSERT_TRUE(changes);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].before, "5");
  EXPECT_EQ((*changes)[0].after, "");
  EXPECT_FALSE(t.team_id.valid());
}

struct SubjectCase {
  std::string input;
  bool valid;
};

TEST(Validation, Subjects) {
  const SubjectCase cases[] = {
      {"Outlook fails", true},
      {"  trimmed  ", true},
      {"", false},
      {"   ", false},
      {std::string(250, 'x'), true},
      {std::string(251, 'x'), false},
      {"\xEC\x84\x9C\xEC\x9A\xB8 (Seoul)", true},  // Korean, 3-byte UTF-8
      {"bad \xC3\x28 utf8", false},
      {"line\nbreak", false},
      {"tab\tinside", true},
      {"nul\x7F", false},
      {"'; DROP TABLE tickets; --", true},
  };
  for (const auto& c : cases) {
    std::string subject = c.input;
    std::vector<FieldError> errors;
    ValidateSubject(subject, errors);
    EXPECT_EQ(errors.empty(), c.valid) << "'" << c.input << "'";
  }
}

TEST(Validation, TagsAreNormalisedSortedAndUnique) {
  std::vector<std::string> tags = {"VIP", " azure ", "vip", "billing:q4"};
  std::vector<FieldError> errors;
  NormaliseTags(tags, errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(tags, (std::vector<std::string>{"azure", "billing:q4", "vip"}));
  std::vector<std::string> too_many;
  for (int i = 0; i < 21; ++i) too_many.push_back("t" + std::to_string(i));
  NormaliseTags(too_many, errors);
  EXPECT_EQ(errors.size(), 1u);
}

TEST(Validation, Fields) {
  std::vector<FieldError> errors;
  ValidateFields({{"subscription_id", "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182"}}, errors);
  EXPECT_TRUE(errors.empty());
  ValidateFields({{"Bad-Name", "x"}}, errors);
  ValidateFields({{"ok", "multi\nline"}}, errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[1].field, "fields.ok");
}

TEST(Filename, IsSanitised) {
  EXPECT_EQ(SanitizeFilename("../../etc/passwd"), "passwd");
  EXPECT_EQ(SanitizeFilename("C:\\Users\\me\\invoice.pdf"), "invoice.pdf");
  EXPECT_EQ(SanitizeFilename("..."), "attachment");
  EXPECT_EQ(SanitizeFilename(""), "attachment");
  EXPECT_EQ(SanitizeFilename(".hidden"), "hidden");
  EXPECT_EQ(SanitizeFilename("a\"b;c\r\nd.txt"), "a_b_c__d.txt");
  EXPECT_EQ(SanitizeFilename("\xEB\xB3\xB4\xEA\xB3\xA0\xEC\x84\x9C.pdf"), "\xEB\xB3\xB4\xEA\xB3\xA0\xEC\x84\x9C.pdf");
  EXPECT_EQ(SanitizeFilename("bad\xFFname"), "bad_name");
  const std::string long_name = std::string(300, 'a') + ".txt";
  EXPECT_EQ(SanitizeFilename(long_name).size(), 200u);
}

}  // namespace
}  // namespace tierdesk::core
