#include <array>
#include <random>

#include "app/setup/setup.hpp"
#include "app/sla/sla.hpp"
#include "core/user/password.hpp"

namespace tierdesk::app::setup {
namespace {

using core::Category;
using core::OrgKind;
using core::Role;

struct Topic {
  const char* service;
  Category category;
  const char* subject;
  const char* description;
  const char* tag;
};

// What CSP customers actually ask their partner about.
constexpr std::array<Topic, 24> kTopics = {{
    {"azure", Category::kTechnical, "VM in Korea Central fails to start after resize",
     "Our production VM vm-erp-01 stopped after we resized it to D8s v5 and now fails to start with "
     "an allocation error. The business needs it back before 18:00.", "compute"},
    {"azure", Category::kTechnical, "Azure SQL database throttled during month-end batch",
     "Since Monday the month-end batch hits DTU limits and times out. We did not change the workload.",
     "database"},
    {"azure", Category::kTechnical, "AKS node pool stuck in Updating state",
     "After the Kubernetes upgrade the user node pool has been in Updating for six hours.", "kubernetes"},
    {"azure", Category::kTechnical, "Storage account returns 403 from our office network",
     "Requests from our office IP get AuthorizationFailure although the firewall allows the range.",
     "storage"},
    {"azure", Category::kTechnical, "App Service certificate does not bind to custom domain",
     "The managed certificate for shop.example shows as issued but the binding fails.", "webapps"},
    {"azure", Category::kBilling, "Unexpected Azure charges after reserved instance purchase",
     "We bought a one-year reservation but the invoice still shows pay-as-you-go compute charges.",
     "invoice"},
    {"azure", Category::kSubscription, "Need a new Azure subscription for the test environment",
     "Please create a second Azure subscription under our Azure plan for the QA team.", "provisioning"},
    {"azure", Category::kSubscription, "Moving resources between subscriptions fails",
     "Resource move validation fails for the networking resource group with a dependency error.",
     "provisioning"},
    {"m365", Category::kTechnical, "Users cannot sign in to Outlook after MFA rollout",
     "Since the MFA rollout this morning about 20 users get a sign-in loop in Outlook desktop.",
     "identity"},
    {"m365", Category::kTechnical, "Teams meeting recordings missing from OneDrive",
     "Recordings of yesterday's meetings do not appear in the organisers' OneDrive.", "teams"},
    {"m365", Category::kTechnical, "Mail to external domains delayed by hours",
     "Exchange Online queues mail to several partner domains; message trace shows deferred.", "exchange"},
    {"m365", Category::kTechnical, "SharePoint site storage quota exceeded",
     "The projects site reports its storage is full and uploads fail. 메일 첨부파일도 실패합니다.",
     "sharepoint"},
    {"m365", Category::kTechnical, "Intune compliance policy not applying to iPhones",
     "New iOS devices stay 'not evaluated' for the compliance policy for days.", "intune"},
    {"m365", Category::kBilling, "Charged for 60 Business Premium seats, we have 55 users",
     "The November invoice bills 60 seats of Business Premium; we reduced to 55 in October.", "invoice"},
    {"m365", Category::kBilling, "Credit for licences cancelled within seven days",
     "We cancelled 5 E3 licences two days after buying them by mistake. Please confirm the credit.",
     "credit"},
    {"m365", Category::kSubscription, "Add 10 Microsoft 365 E3 licences",
     "Ten new hires start on Monday; please add 10 E3 licences to our subscription.", "licences"},
    {"m365", Category::kSubscription, "Upgrade Business Standard to Business Premium",
     "We want Intune and Defender; please upgrade all Business Standard seats.", "licences"},
    {"m365", Category::kSubscription, "Cancel Visio Plan 2 before renewal",
     "Please do not renew Visio Plan 2 at the end of the term.", "renewal"},
    {"d365", Category::kTechnical, "Business Central posting error on sales invoice",
     "Posting a sales invoice fails with 'The Gen. Posting Setup does not exist'.", "business-central"},
    {"d365", Category::kTechnical, "Dynamics 365 Sales is slow since the last update",
     "Opening an opportunity takes 15 seconds since the release wave update.", "performance"},
    {"d365", Category::kTechnical, "Power Automate flow fails with connector error",
     "The order sync flow fails with 'Unauthorized' on the Dataverse connector.", "power-platform"},
    {"d365", Category::kBilling, "Dynamics 365 licence true-up question",
     "Our auditor asks how the Team Members licences were billed last quarter.", "invoice"},
    {"d365", Category::kSubscription, "Add Dynamics 365 Team Members licences",
     "Please add 15 Team Members licences for the warehouse staff.", "licences"},
    {"azure", Category::kTechnical, "Azure VPN gateway tunnel drops every hour",
     "The site-to-site tunnel to our Busan office reconnects every hour on the hour.", "network"},
}};

constexpr std::array<const char*, 4> kAgentReplies = {
    "Thank you for the details. We are looking into it now; could you send the correlation id and "
    "the time it last happened?",
    "We have reproduced the problem and applied a fix on our side. Please check and let us know.",
    "This needs Microsoft's product group; we have opened a case with Microsoft and will keep you "
    "updated here.",
    "The change is done. We will close this ticket in three days unless you tell us otherwise.",
};
constexpr std::array<const char*, 3> kInternalNotes = {
    "Checked Service Health: no incident for this tenant. Escalate to L2 if not fixed today.",
    "Customer is on the 24x7 plan; keep the response targets in mind.",
    "Known issue after the last update; workaround in the KB article 'MFA sign-in loop'.",
};
constexpr std::array<const char*, 3> kCustomerReplies = {
    "Here is the correlation id: 7d1f3c2a-90b4-4e57-a1c6-2f0e8d9b6a31, last seen at 14:05.",
    "Thanks, it works again.",
    "It happened again this morning, please have another look.",
};

struct CustomerSpec {
  const char* name;
  const char* domain;
  const char* tenant_id;
  const char* country;
  const char* locale;
  const char* time_zone;
  bool under_reseller;
};
constexpr std::array<CustomerSpec, 6> kCustomers = {{
    {"Seoul Logistics", "seoul-logistics.example", "3b5c7d1e-2f4a-4b6c-8d9e-0a1b2c3d4e5f", "KR", "ko-KR",
     "Asia/Seoul", false},
    {"Busan Marine Tech", "busan-marine.example", "4c6d8e2f-3a5b-4c7d-9e0f-1b2c3d4e5f60", "KR", "ko-KR",
     "Asia/Seoul", false},
    {"Alpine Retail GmbH", "alpine-retail.example", "5d7e9f3a-4b6c-4d8e-8f1a-2c3d4e5f6071", "DE", "de-DE",
     "Europe/Berlin", false},
    {"Harbor Health Clinics", "harbor-health.example", "6e8f0a4b-5c7d-4e9f-9a2b-3d4e5f607182", "US", "en-US",
     "America/New_York", false},
    {"Jeju Resort Hotels", "jeju-resort.example", "7f9a1b5c-6d8e-4f0a-8b3c-4e5f60718293", "KR", "ko-KR",
     "Asia/Seoul", true},
    {"Gangneung Ski Resorts", "gangneung-ski.example", "8a0b2c6d-7e9f-4a1b-9c4d-5f60718293a4", "KR", "ko-KR",
     "Asia/Seoul", true},
}};

std::string GuidFrom(std::mt19937_64& random) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    out += kHex[random() % 16];
  }
  return out;
}

// The routing a partner like this one writes: teams by service and category, after-hours and
// outsourced work to the provider, a heads-up on critical tickets, reseller customers flagged.
Status InsertDemoRules(core::WriteTx& tx, const std::vector<TeamId>& teams, OrgId provider, CalendarId office,
                       Timestamp now) {
  using core::RuleActionKind;
  using core::RuleOp;
  std::int64_t position = 0;
  const auto add = [&](std::string name, std::vector<core::RuleCondition> conditions,
                       std::vector<core::RuleAction> actions) -> Status {
    core::Rule rule;
    rule.name = std::move(name);
    rule.position = (position += 10);
    rule.conditions = std::move(conditions);
    rule.actions = std::move(actions);
    rule.created_at = now;
    rule.updated_at = now;
    TD_CHECK(core::ValidateRule(rule));
    return tx.InsertRule(rule);
  };
  const auto team = [&](std::size_t i) { return std::to_string(teams[i].value); };
  TD_CHECK(add("Billing and subscriptions to Billing & Subscriptions",
               {{"category", RuleOp::kIn, {"billing", "subscription"}}}, {{RuleActionKind::kSetTeam, {team(0)}}}));
  TD_CHECK(add("Azure technical to Azure", {{"service", RuleOp::kEq, {"azure"}}, {"category", RuleOp::kEq, {"technical"}}},
               {{RuleActionKind::kSetTeam, {team(1)}}}));
  TD_CHECK(add("Microsoft 365 technical to Modern Work",
               {{"service", RuleOp::kEq, {"m365"}}, {"category", RuleOp::kEq, {"technical"}}},
               {{RuleActionKind::kSetTeam, {team(2)}}}));
  TD_CHECK(add("Dynamics 365 technical to Business Applications",
               {{"service", RuleOp::kEq, {"d365"}}, {"category", RuleOp::kEq, {"technical"}}},
               {{RuleActionKind::kSetTeam, {team(3)}}}));
  TD_CHECK(add("After-hours Microsoft 365 to GlobalSupport",
               {{"service", RuleOp::kEq, {"m365"}}, {"category", RuleOp::kEq, {"technical"}},
                {"time", RuleOp::kOutside, {std::to_string(office.value)}}},
               {{RuleActionKind::kSetProvider, {std::to_string(provider.value)}}, {RuleActionKind::kAddTags, {"after-hours"}}}));
  TD_CHECK(add("German Dynamics 365 to GlobalSupport",
               {{"service", RuleOp::kEq, {"d365"}}, {"customer.country", RuleOp::kEq, {"DE"}}},
               {{RuleActionKind::kSetProvider, {std::to_string(provider.value)}}}));
  TD_CHECK(add("Critical: tell the supervisor", {{"severity", RuleOp::kEq, {"critical"}}},
               {{RuleActionKind::kAddTags, {"critical"}}, {RuleActionKind::kNotify, {"severity.critical"}}}));
  return add("Reseller customers: keep the reseller informed", {{"reseller_id", RuleOp::kNe, {""}}},
             {{RuleActionKind::kAddNote, {"A reseller's customer: copy the reseller on the answer."}}});
}

}  // namespace

// The partner's Microsoft support: a Gold cloud competency with its Signature entitlement, a
// Premier contract by the hour (partly used), an Advanced contract by the incident, and last
// year's Premier contract, expired.
Status InsertDemoEntitlements(core::WriteTx& tx, Timestamp now, core::Entitlement& premier,
                              core::Entitlement& advanced) {
  core::Competency gold;
  gold.level = core::CompetencyLevel::kGold;
  gold.area = "Cloud Platform";
  gold.valid_from = core::DaysFromCivil(2026, 1, 1);
  gold.expires_on = core::DaysFromCivil(2027, 6, 30);
  gold.created_at = gold.updated_at = now;
  TD_CHECK(tx.InsertCompetency(gold));
  auto entitlement = [&](std::string kind, std::string name, core::CapacityUnit unit, std::int64_t capacity,
                         std::int64_t unit_cost) {
    core::Entitlement e;
    e.kind = std::move(kind);
    e.name = std::move(name);
    e.categories = core::DefaultCategories(e.kind);
    e.valid_from = core::DaysFromCivil(2026, 1, 1);
    e.valid_to = core::DaysFromCivil(2026, 12, 31);
    e.unit = unit;
    e.capacity = capacity;
    e.currency = unit_cost > 0 ? "USD" : "";
    e.unit_cost = unit_cost;
    e.created_at = e.updated_at = now;
    return e;
  };
  core::Entitlement signature = entitlement("signature", "Signature Cloud Support", core::CapacityUnit::kUnlimited, 0, 0);
  signature.competency_id = gold.id;
  TD_CHECK(tx.InsertEntitlement(signature));
  premier = entitlement("premier", "Premier 2026", core::CapacityUnit::kHours, 40 * 60, 32'000);
  premier.products = core::ProductCoverage::kAll;
  premier.contract_id = "PRM-2026-0417";
  premier.access_id = "6A1F-22C0";
  TD_CHECK(tx.InsertEntitlement(premier));
  advanced = entitlement("advanced", "Advanced Support 2026", core::CapacityUnit::kIncidents, 20, 55'000);
  advanced.contract_id = "ASP-2026-0088";
  TD_CHECK(tx.InsertEntitlement(advanced));
  core::Entitlement expired = entitlement("premier", "Premier 2025", core::CapacityUnit::kHours, 40 * 60, 30'000);
  expired.products = core::ProductCoverage::kAll;
  expired.valid_from = core::DaysFromCivil(2025, 1, 1);
  expired.valid_to = core::DaysFromCivil(2025, 12, 31);
  expired.consumed = 31 * 60;
  return tx.InsertEntitlement(expired);
}

// Escalations to Microsoft in the states a partner sees them, on a few worked tickets.
struct VendorDemo {
  const core::Entitlement* premier = nullptr;
  const core::Entitlement* advanced = nullptr;
  Timestamp now;
  int attention = 0, closed = 0, drafts = 0;
  std::int64_t premier_minutes = 0, advanced_incidents = 0;
};

Status DemoVendorCase(core::WriteTx& tx, const core::Ticket& t, std::int64_t n, VendorDemo& demo) {
  const bool technical = t.category == core::Category::kTechnical;
  const bool on_premier = t.service == "azure";
  core::VendorCase c;
  c.ticket_id = t.id;
  c.kind = !technical ? "commercial" : on_premier ? "premier" : "advanced";
  c.entitlement = !technical ? EntitlementId{} : on_premier ? demo.premier->id : demo.advanced->id;
  c.severity = t.severity;
  c.support_topic = technical ? (on_premier ? "Virtual Machines / Cannot start or connect" : "Exchange Online / Mail flow")
                              : "Billing / Invoice and charges";
  c.contact = {"Hanbit Cloud support desk", "support@hanbit-cloud.example", "+82 2 6000 1234"};
  c.created_by = t.assignee_id.valid() ? t.assignee_id : t.requester_id;
  c.created_at = std::min(demo.now, t.created_at + std::chrono::hours(2));
  c.updated_at = c.created_at;
  c.share_case_number = n % 2 == 0;
  auto submit = [&](core::VendorCaseStatus status) {
    c.case_number = std::to_string(2'611'000'000'000'000 + t.id.value);
    c.status = status;
    c.submitted_at = c.created_at;
    c.first_response_due = core::VendorFirstResponseDue(c.severity, c.created_at);
  };
  if (t.status == core::TicketStatus::kPendingVendor) {
    submit(n % 3 == 0 ? core::VendorCaseStatus::kSubmitted : core::VendorCaseStatus::kOpen);
  } else if (technical && t.status == core::TicketStatus::kOpen && demo.attention < 3) {
    ++demo.attention;
    submit(core::VendorCaseStatus::kAttentionNeeded);
  } else if (technical && t.status == core::TicketStatus::kOpen && demo.drafts < 2) {
    ++demo.drafts;  // being prepared: no case number yet
  } else if (technical && t.status == core::TicketStatus::kResolved && demo.closed < 6) {
    ++demo.closed;
    submit(core::VendorCaseStatus::kClosed);
    c.closed_at = std::min(demo.now, c.created_at + std::chrono::hours(20));
    c.consumed = on_premier ? 90 : 1;
    (on_premier ? demo.premier_minutes : demo.advanced_incidents) += c.consumed;
  } else {
    return Ok();
  }
  TD_CHECK(tx.InsertVendorCase(c));
  core::Event created{0, t.id, c.created_by, "vendor_case.created", "vendor_case", "", std::to_string(c.id.value),
                      true, c.created_at};
  created.via = core::PathTitle(c.kind);
  return tx.AppendEvent(created);
}

Result<DemoResult> SeedDemo(const AppContext& ctx, const DemoOptions& options) {
  TD_CHECK(core::CheckPassword(options.password, ""));  // the one policy, for every demo login
  const std::string hash = TD_TRY(ctx.passwords.Hash(options.password));
  std::mt19937_64 random(options.seed);
  const Timestamp now = ctx.clock.Now();
  DemoResult result;

  struct CustomerRow {
    core::Organization org;
    std::vector<UserId> users;
    std::vector<core::Subscription> subscriptions;
    core::Agreement agreement;
    core::Plan plan;  // the agreement's effective plan
  };
  std::vector<CustomerRow> customers;
  std::vector<TeamId> teams;  // billing, subscriptions, azure, m365, d365
  std::vector<UserId> agents;
  core::Organization partner, reseller, provider;
  UserId provider_agent;
  UserId reseller_agent;
  core::ProviderContract contract;
  core::Entitlement premier, advanced;  // the technical contracts demo cases use
  TeamId engineering_team;
  core::Calendar office;

  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    if (TD_TRY(tx.FindPartner())) {
      return Fail(Error::Conflict("this database already has a partner; the demo needs an empty one"));
    }
    auto add_org = [&](core::Organization& org) { return tx.InsertOrganization(org); };
    partner = {{}, OrgKind::kPartner, "Hanbit Cloud Partners", {}, {"hanbit-cloud.example"}, "", "KR",
               "ko-KR", "Asia/Seoul", now};
    TD_CHECK(add_org(partner));
    reseller = {{}, OrgKind::kReseller, "Daejeon IT Solutions", partner.id, {"daejeon-it.example"}, "",
                "KR", "ko-KR", "Asia/Seoul", now};
    TD_CHECK(add_org(reseller));
    provider = {{}, OrgKind::kProvider, "GlobalSupport Outsourcing", partner.id, {"globalsupport.example"},
                "", "IE", "en-IE", "Europe/Dublin", now};
    TD_CHECK(add_org(provider));

    auto add_user = [&](const core::Organization& org, const std::string& local, const char* name,
                        Role role) -> Result<UserId> {
      core::User user{{}, org.id, local + "@" + org.domains.front(), name, role, true, now};
      TD_CHECK(tx.InsertUser(user, hash));
      result.logins.push_back({user.email, std::string(core::ToString(role)), org.name});
      return user.id;
    };
    TD_TRY(add_user(partner, "admin", "Min-jun Kim", Role::kAdmin));
    const UserId supervisor = TD_TRY(add_user(partner, "supervisor", "Seo-yeon Park", Role::kSupervisor));
    agents.push_back(TD_TRY(add_user(partner, "agent", "Ji-ho Lee", Role::kAgent)));
    agents.push_back(TD_TRY(add_user(partner, "agent2", "Hannah Schmidt", Role::kAgent)));
    agents.push_back(TD_TRY(add_user(partner, "agent3", "Daniel Cho", Role::kAgent)));
    TD_TRY(add_user(partner, "billing", "Soo-ah Jung", Role::kBilling));
    reseller_agent = TD_TRY(add_user(reseller, "reseller", "Hyun-woo Choi", Role::kResellerAgent));
    provider_agent = TD_TRY(add_user(provider, "provider", "Aoife Byrne", Role::kProviderAgent));

    // The first line (L1) by service, each with its way of handing out tickets; then the
    // escalation ladder's L2 and L3.
    const std::pair<const char*, core::Assignment> first_line[] = {
        {"Billing & Subscriptions", core::Assignment::kManual},
        {"Azure", core::Assignment::kRoundRobin},
        {"Modern Work (Microsoft 365)", core::Assignment::kLeastOpen},
        {"Business Applications (Dynamics 365)", core::Assignment::kRoundRobin}};
    for (const auto& [name, assignment] : first_line) {
      core::Team team{{}, name, {supervisor}, now};
      for (const auto agent : agents) team.members.push_back(agent);
      team.assignment = assignment;
      team.tier = 1;
      TD_CHECK(tx.InsertTeam(team));
      teams.push_back(team.id);
    }
    core::Team engineering{{}, "Cloud Engineering (L2)", {agents[1], agents[2]}, now};
    engineering.assignment = core::Assignment::kLeastOpen;
    engineering.tier = 2;
    TD_CHECK(tx.InsertTeam(engineering));
    engineering_team = engineering.id;
    core::Team architects{{}, "Architects (L3)", {supervisor}, now};
    architects.tier = 3;
    TD_CHECK(tx.InsertTeam(architects));

    for (const auto& spec : kCustomers) {
      CustomerRow row;
      row.org = {{}, OrgKind::kCustomer, spec.name, spec.under_reseller ? reseller.id : partner.id,
                 {spec.domain}, spec.tenant_id, spec.country, spec.locale, spec.time_zone, now};
      TD_CHECK(add_org(row.org));
      row.users.push_back(TD_TRY(add_user(row.org, "admin", "IT Administrator", Role::kCustomerAdmin)));
      row.users.push_back(TD_TRY(add_user(row.org, "user", "Office User", Role::kRequester)));
      for (const char* service : {"azure", "m365"}) {
        core::Subscription subscription{{}, row.org.id, service, GuidFrom(random),
                                        std::string(spec.name) + (std::string(service) == "azure" ? " Azure plan" : " Microsoft 365"),
                                        row.org.parent_id, true, now};
        TD_CHECK(tx.InsertSubscription(subscription));
        row.subscriptions.push_back(subscription);
      }
      customers.push_back(std::move(row));
    }

    // Service hours and the three offerings; every customer is on one of them.
    office = {{}, "Seoul business hours", {}, 1, now, now};
    office.spec.time_zone = "Asia/Seoul";
    for (int weekday = 0; weekday < 5; ++weekday) office.spec.intervals.push_back({weekday, 9 * 3600, 18 * 3600});
    const int holidays[][3] = {{2026, 12, 25}, {2027, 1, 1},  {2027, 2, 8},  {2027, 2, 9},  {2027, 3, 1},
                               {2027, 5, 5},   {2027, 5, 13}, {2027, 8, 16}, {2027, 9, 14}, {2027, 9, 15},
                               {2027, 9, 16},  {2027, 10, 4}, {2027, 10, 11}, {2027, 12, 27}};
    for (const auto& h : holidays) office.spec.holidays.push_back({h[0], h[1], h[2], 0, 86400, "Public holiday"});
    TD_CHECK(tx.InsertCalendar(office));
    core::Calendar always{{}, "24x7", {}, 1, now, now};
    always.spec.time_zone = "Asia/Seoul";
    always.spec.always_open = true;
    TD_CHECK(tx.InsertCalendar(always));

    const auto target = [](std::int64_t minutes, bool business) {
      return core::Target{minutes, business ? core::Target::Basis::kBusiness : core::Target::Basis::kCalendar};
    };
    std::vector<core::Plan::Coverage> everything;
    for (const char* service : {"azure", "m365", "d365"}) {
      for (const auto category : {Category::kBilling, Category::kSubscription, Category::kTechnical}) {
        everything.push_back({service, category});
      }
    }
    core::Plan basic;
    basic.name = "Basic, included with your licences";
    basic.description = "Help with Microsoft 365 and with billing and subscriptions for every service, in business hours.";
    basic.name_ko = "기본 지원(라이선스 포함)";
    basic.description_ko = "업무 시간 중 Microsoft 365 지원과 모든 서비스의 청구 및 구독 지원을 제공합니다.";
    basic.service_hours = office.id;
    basic.coverage = {{"m365", Category::kTechnical}};
    for (const char* service : {"azure", "m365", "d365"}) {
      basic.coverage.push_back({service, Category::kBilling});
      basic.coverage.push_back({service, Category::kSubscription});
    }
    basic.channels = {{core::ContactChannel::Kind::kPortal, "", {}},
                      {core::ContactChannel::Kind::kEmail, "support@hanbit-cloud.example", {}}};
    basic.targets = {{{target(240, true), target(480, true), target(0, true)},
                      {target(480, true), target(960, true), target(0, true)},
                      {target(960, true), target(1920, true), target(0, true)}}};
    basic.pricing.currency = "KRW";
    basic.out_of_scope = core::Plan::OutOfScope::kRefuse;
    TD_CHECK(tx.InsertPlan(basic, now));

    core::Plan hourly;
    hourly.name = "Business hours, billed hourly";
    hourly.description =
        "Every service and request type in business hours except Dynamics 365 technical work, which is quoted; work is "
        "billed per started quarter hour.";
    hourly.name_ko = "업무 시간 지원, 시간제 요금";
    hourly.description_ko =
        "업무 시간 중 모든 서비스와 요청 유형을 지원하며(Dynamics 365 기술 작업은 별도 견적), 작업은 15분 단위로 "
        "청구됩니다.";
    hourly.service_hours = office.id;
    // Dynamics 365 technical work (customisations) lies outside: the plan helps at its quoted rate,
    // so the portal's demo shows a billable request and its explicit acceptance.
    for (const auto& covered : everything) {
      if (!(covered.service == "d365" && covered.category == Category::kTechnical)) hourly.coverage.push_back(covered);
    }
    hourly.channels = {{core::ContactChannel::Kind::kPortal, "", {}},
                       {core::ContactChannel::Kind::kEmail, "support@hanbit-cloud.example", {}},
                       {core::ContactChannel::Kind::kPhone, "+82 2 6000 1234", office.id}};
    hourly.targets = {{{target(60, true), target(120, true), target(480, true)},
                       {target(240, true), target(480, true), target(1440, true)},
                       {target(480, true), target(960, true), target(2880, true)}}};
    hourly.pricing.model = core::Pricing::Model::kHourly;
    hourly.pricing.currency = "KRW";
    hourly.pricing.hourly_rate = 120'000;
    hourly.pricing.increment_minutes = 15;
    hourly.pricing.minimum_minutes = 30;
    hourly.pricing.after_hours_percent = 150;
    hourly.out_of_scope = core::Plan::OutOfScope::kBillable;
    hourly.out_of_scope_hourly_rate = 180'000;
    TD_CHECK(tx.InsertPlan(hourly, now));

    core::Plan premium;
    premium.name = "Premium 24x7 with prepaid hours";
    premium.description = "Around-the-clock support for every service, drawn from a prepaid block of hours.";
    premium.name_ko = "프리미엄 24시간 지원(선불 시간)";
    premium.description_ko = "모든 서비스를 연중무휴 24시간 지원하며, 선불로 구매한 시간에서 차감됩니다.";
    premium.coverage = everything;
    premium.channels = {{core::ContactChannel::Kind::kPortal, "", {}},
                        {core::ContactChannel::Kind::kEmail, "premium@hanbit-cloud.example", always.id},
                        {core::ContactChannel::Kind::kPhone, "+82 2 6000 1299", always.id}};
    premium.targets = {{{target(30, false), target(60, false), target(240, false)},
                        {target(120, false), target(240, false), target(960, false)},
                        {target(240, false), target(480, false), target(2880, false)}}};
    premium.pricing.model = core::Pricing::Model::kPrepaidBlock;
    premium.pricing.currency = "KRW";
    premium.pricing.block_unit = core::Pricing::BlockUnit::kHours;
    premium.pricing.block_size = 20;
    premium.pricing.block_price = 2'200'000;
    premium.pricing.hourly_rate = 130'000;
    premium.pricing.when_exhausted = core::Pricing::WhenExhausted::kPayAsYouGo;
    premium.out_of_scope = core::Plan::OutOfScope::kBillable;
    premium.out_of_scope_hourly_rate = 150'000;
    TD_CHECK(tx.InsertPlan(premium, now));

    core::Plan managed;
    managed.name = "Managed Microsoft 365, monthly";
    managed.description = "A monthly fee with ten hours of Microsoft 365 work included; more is billed by the hour.";
    managed.name_ko = "Microsoft 365 관리형 월 정액";
    managed.description_ko = "월 요금에 Microsoft 365 작업 10시간이 포함되며, 초과분은 시간당 청구됩니다.";
    managed.service_hours = office.id;
    managed.coverage = basic.coverage;
    managed.channels = hourly.channels;
    managed.targets = hourly.targets;
    managed.pricing.model = core::Pricing::Model::kMonthlyFee;
    managed.pricing.currency = "KRW";
    managed.pricing.monthly_fee = 1'500'000;
    managed.pricing.included_minutes = 10 * 60;
    managed.pricing.overage_hourly_rate = 110'000;
    managed.pricing.increment_minutes = 15;
    managed.out_of_scope = core::Plan::OutOfScope::kRefuse;
    TD_CHECK(tx.InsertPlan(managed, now));

    // Given in English only: its Korean customers read the English (the statement's fallback).
    core::Plan per_incident;
    per_incident.name = "Pay per incident";
    per_incident.description = "Every service and request type in business hours; each resolved request is one incident.";
    per_incident.service_hours = office.id;
    per_incident.coverage = everything;
    per_incident.channels = basic.channels;
    per_incident.targets = basic.targets;
    per_incident.pricing.model = core::Pricing::Model::kPerIncident;
    per_incident.pricing.currency = "KRW";
    per_incident.pricing.per_incident = 250'000;
    per_incident.out_of_scope = core::Plan::OutOfScope::kRefuse;
    TD_CHECK(tx.InsertPlan(per_incident, now));

    const core::Plan* plan_for[] = {&premium, &hourly, &hourly, &basic, &managed, &per_incident};
    for (std::size_t i = 0; i < customers.size(); ++i) {
      core::Agreement agreement;
      agreement.customer_id = customers[i].org.id;
      agreement.plan_id = plan_for[i]->id;
      agreement.plan_version = 1;
      agreement.start = core::DaysFromCivil(2026, 1, 1);
      if (plan_for[i] == &premium) agreement.prepaid_minutes = 20 * 60;
      agreement.created_at = now;
      TD_CHECK(tx.InsertAgreement(agreement));
      customers[i].agreement = agreement;
      customers[i].plan = core::EffectivePlan(*plan_for[i], agreement);
    }
    TD_CHECK(InsertDemoRules(tx, teams, provider.id, office.id, now));
    // The provider answers critical work within 30 minutes around the clock, and bills by the hour.
    contract.provider = provider.id;
    contract.currency = "KRW";
    contract.hourly_cost = 65'000;
    contract.targets = {{{target(30, false), {}, target(240, false)},
                         {target(60, false), {}, target(960, false)},
                         {target(240, false), {}, target(2880, false)}}};
    contract.version = 1;
    contract.updated_at = now;
    TD_CHECK(tx.PutProviderContract(contract));
    TD_CHECK(InsertDemoEntitlements(tx, now, premier, advanced));
    // A prepaid block bought last month by the premium customer, charged on its statement.
    core::PrepaidPurchase block;
    block.customer = customers.front().org.id;
    block.unit = core::Pricing::BlockUnit::kHours;
    block.quantity = premium.pricing.block_size * 60;
    block.price = premium.pricing.block_price;
    block.currency = premium.pricing.currency;
    const auto local_day = [&](Timestamp at) {
      return std::chrono::floor<std::chrono::days>(at + std::chrono::hours(9)).time_since_epoch().count();  // Seoul
    };
    block.purchased_on = core::FirstDay(core::PeriodOf(local_day(now))) - 20;  // last month
    block.created_at = now;
    TD_CHECK(tx.InsertPrepaidPurchase(block));
    core::PartnerSettings settings{basic.id, "support@hanbit-cloud.example", "+82 2 6000 1234",
                                   "https://hanbit-cloud.example/support"};
    settings.internal_hourly_cost = 45'000;  // an hour of the partner's own engineers
    settings.internal_cost_currency = "KRW";
    return tx.PutPartnerSettings(settings);
  }));

  VendorDemo vendor{&premier, &advanced, now};
  // Tickets, in batches: each batch is one transaction. Each has a plausible past: a first
  // reply, the customer's answer, and its present status, with SLA clocks that lived through it.
  const auto office_hours = TD_TRY(ctx.calendars.Get(office, ctx.zones));
  constexpr std::int64_t kBatch = 2000;
  const bool rich = options.tickets <= 5000;
  const auto span_ms = std::int64_t{90} * 24 * 3600 * 1000;
  for (std::int64_t start = 0; start < options.tickets; start += kBatch) {
    const std::int64_t end = std::min(options.tickets, start + kBatch);
    TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
      for (std::int64_t n = start; n < end; ++n) {
        const Topic& topic = kTopics[random() % kTopics.size()];
        const CustomerRow& customer = customers[random() % customers.size()];
        const auto offset = span_ms - (span_ms * n) / std::max<std::int64_t>(1, options.tickets);
        const Timestamp created = now - std::chrono::milliseconds(offset);
        core::Ticket t;
        t.customer_id = customer.org.id;
        t.reseller_id = customer.org.parent_id == reseller.id ? reseller.id : OrgId{};
        // Dynamics 365 support for the German customer is outsourced to the provider.
        if (std::string_view(topic.service) == "d365" && customer.org.country == "DE") t.provider_id = provider.id;
        // A reseller holds its customers' new tickets; the ones being worked it has handed up.
        t.requester_id = customer.users[random() % customer.users.size()];
        t.channel = static_cast<core::Channel>(random() % 4);
        t.service = topic.service;
        t.category = topic.category;
        t.severity = static_cast<core::Severity>(random() % 3);
        t.subject = topic.subject;
        t.agreement_id = customer.agreement.id;
        t.plan_id = customer.plan.id;
        t.plan_version = customer.plan.version;
        const auto age = now - created;
        const auto roll = random() % 100;
        t.status = age < std::chrono::hours(48) ? (roll < 50 ? core::TicketStatus::kNew : core::TicketStatus::kOpen)
                   : roll < 15 ? core::TicketStatus::kOpen
                   : roll < 25 ? core::TicketStatus::kPendingCustomer
                   : roll < 30 ? core::TicketStatus::kPendingVendor
                   : roll < 45 ? core::TicketStatus::kResolved
                               : core::TicketStatus::kClosed;
        // As the demo's routing rules place new tickets (see DemoRules).
        const std::size_t team_index = topic.category != Category::kTechnical          ? 0
                                       : std::string_view(topic.service) == "azure" ? 1
                                       : std::string_view(topic.service) == "m365"  ? 2
                                                                                    : 3;
        t.team_id = teams[team_index];
        if (t.status != core::TicketStatus::kNew) {
          t.assignee_id = t.provider_id.valid() ? provider_agent : agents[random() % agents.size()];
        }
        if (topic.category != Category::kTechnical && std::string_view(topic.service) != "azure") {
          t.fields["invoice_reference"] = "G0" + std::to_string(10'000'000 + random() % 90'000'000);
        } else if (std::string_view(topic.service) == "azure") {
          t.subscription_id = customer.subscriptions[0].id;
          t.fields["subscription_id"] = customer.subscriptions[0].external_id;
        } else if (std::string_view(topic.service) == "m365") {
          t.fields["tenant_domain"] = customer.org.domains.front();
        } else {
          t.fields["environment_url"] = "https://" + std::string(customer.org.domains.front().substr(0, customer.org.domains.front().find('.'))) + ".crm5.dynamics.com";
        }
        t.tags = {topic.tag};
        t.version = 1;
        t.created_at = created;
        t.updated_at = created;

        // The timeline: first reply, internal note, the customer's answer, today's status.
        const Timestamp replied = created + std::chrono::minutes(20 + static_cast<int>(random() % 200));
        const Timestamp noted = replied + std::chrono::minutes(5);
        const Timestamp answered = noted + std::chrono::hours(1 + static_cast<int>(random() % 20));
        const Timestamp settled = answered + std::chrono::minutes(30);
        const auto s = [](Timestamp at) { return sla::ToClockTime(at); };
        const bool worked = t.status != core::TicketStatus::kNew && replied <= now;
        // Critical Azure problems that were worked went up to the L2 engineers.
        const bool escalated = worked && t.severity == core::Severity::kCritical &&
                               std::string_view(topic.service) == "azure" && topic.category == Category::kTechnical;
        if (escalated) {
          t.team_id = engineering_team;
          t.assignee_id = agents[1 + random() % 2];
        }
        // The reseller works its customers' new and open tickets itself; the others it handed up.
        const bool reseller_works = t.reseller_id.valid() && !t.provider_id.valid() && !escalated &&
                                    (t.status == core::TicketStatus::kNew || t.status == core::TicketStatus::kOpen);
        t.holder = t.provider_id.valid() ? core::Holder::kProvider
                   : reseller_works      ? core::Holder::kReseller
                                         : core::Holder::kPartner;
        if (reseller_works) {
          t.team_id = TeamId{};
          if (t.assignee_id.valid()) t.assignee_id = reseller_agent;
        }
        t.sla = core::StartClocks(core::SlaTermsFor(&customer.plan, t.severity), core::TicketStatus::kNew, s(created));
        if (t.provider_id.valid()) {
          t.underpinning = core::StartClocks({contract.TargetsFor(t.severity), {}, true}, core::TicketStatus::kNew,
                                             s(created));
        }
        if (worked) {
          core::OnAgentReply(t.sla, s(replied));
          if (t.provider_id.valid()) {
            core::OnAgentReply(t.underpinning, s(replied));
            core::OnStatusChange(t.underpinning, core::TicketStatus::kNew, core::TicketStatus::kOpen, s(replied));
            if (t.status != core::TicketStatus::kOpen && settled <= now) {
              core::OnStatusChange(t.underpinning, core::TicketStatus::kOpen, t.status, s(settled));
            }
          }
          core::OnStatusChange(t.sla, core::TicketStatus::kNew, core::TicketStatus::kOpen, s(replied));
          if (answered <= now) core::OnCustomerReply(t.sla, core::TicketStatus::kOpen, s(answered));
          if (t.status != core::TicketStatus::kOpen && settled <= now) {
            core::OnAgentReply(t.sla, s(settled));
            core::OnStatusChange(t.sla, core::TicketStatus::kOpen, t.status, s(settled));
          }
        }
        // What the SLA watch would have raised by now is marked raised; the demo's history shows it.
        const auto* hours = customer.plan.service_hours.valid() ? office_hours.get() : nullptr;
        const auto report = TD_TRY(core::EvaluateSla(t.sla, hours, s(now), ctx.limits.sla_warning_percent));
        const auto alerts = core::TakeAlerts(t.sla, report);
        core::StoreSummary(t, TD_TRY(core::EvaluateSla(t.sla, hours, s(now), ctx.limits.sla_warning_percent)));
        // A resolved or closed ticket was settled then: its incident counts from that day.
        if (t.status == core::TicketStatus::kResolved || t.status == core::TicketStatus::kClosed) {
          t.updated_at = std::min(settled, now);
        }
        TD_CHECK(tx.InsertTicket(t));
        core::Message description{{}, t.id, t.requester_id, customer.org.id, core::MessageKind::kCustomerReply,
                                  topic.description, "", created};
        TD_CHECK(tx.InsertMessage(description));
        core::Event created_event{0, t.id, t.requester_id, "ticket.created", "", "", t.subject, false, created};
        TD_CHECK(tx.AppendEvent(created_event));
        if (rich && t.reseller_id.valid() && t.holder == core::Holder::kPartner && worked) {
          core::Event up{0, t.id, reseller_agent, "ticket.handed_up", "holder", "reseller", "partner", true, created};
          up.via = "hand-up: needs the partner's " + std::string(topic.service == std::string_view("azure") ? "Azure" : "Microsoft") +
                   " engineers";
          TD_CHECK(tx.AppendEvent(up));
        }
        if (rich && escalated) {
          core::Event up{0, t.id, agents[0], "ticket.escalated", "team_id", std::to_string(teams[1].value),
                         std::to_string(engineering_team.value), true, noted};
          up.via = "L1 -> L2: needs an Azure engineer";
          TD_CHECK(tx.AppendEvent(up));
        }
        if (rich && worked && t.holder == core::Holder::kPartner) TD_CHECK(DemoVendorCase(tx, t, n, vendor));
        if (rich) {
          for (const auto& alert : alerts) {
            // Raised when the watch would have: at the threshold, a breach one millisecond after.
            TD_CHECK(sla::RecordAlert(tx, t, alert, sla::FromClockTime(alert.at + (alert.breached ? 1 : 0))));
          }
        }
        if (!worked || (!rich && n % 20 != 0)) continue;
        const UserId agent = t.assignee_id;
        const OrgId agent_org = t.provider_id.valid()                 ? provider.id
                                : t.holder == core::Holder::kReseller ? reseller.id
                                                                      : partner.id;
        core::Message reply{{}, t.id, agent, agent_org, core::MessageKind::kPublicReply,
                            kAgentReplies[random() % kAgentReplies.size()], "", replied};
        TD_CHECK(tx.InsertMessage(reply));
        core::Message note{{}, t.id, agent, agent_org, core::MessageKind::kInternalNote,
                           kInternalNotes[random() % kInternalNotes.size()], "", noted};
        TD_CHECK(tx.InsertMessage(note));
        core::Message answer{{}, t.id, t.requester_id, customer.org.id, core::MessageKind::kCustomerReply,
                             kCustomerReplies[random() % kCustomerReplies.size()], "", answered};
        TD_CHECK(tx.InsertMessage(answer));
        for (const auto* message : {&reply, &note, &answer}) {
          core::Event event{0, t.id, message->author_id, "message.added", std::string(core::ToString(message->kind)),
                            "", std::to_string(message->id.value), core::IsInternal(message->kind), message->created_at};
          TD_CHECK(tx.AppendEvent(event));
        }
        // The first reply took half an hour: at the provider's cost when it did the work, at the
        // customer's hourly price when the plan bills by the hour.
        core::TimeEntry time;
        time.ticket_id = t.id;
        time.user_id = agent;
        time.org_id = agent_org;
        time.minutes = 30;
        time.note = "First analysis and reply";
        if (t.provider_id.valid()) {
          time.cost_currency = contract.currency;
          time.cost_hourly_rate = contract.hourly_cost;
          time.cost_amount = core::AmountFor(time.minutes, contract.hourly_cost);
        }
        if (customer.plan.pricing.model == core::Pricing::Model::kHourly) {
          time.price_currency = customer.plan.pricing.currency;
          time.price_hourly_rate = customer.plan.pricing.hourly_rate;
          time.price_amount = core::AmountFor(time.minutes, time.price_hourly_rate);
        }
        time.worked_at = replied;
        time.created_at = replied;
        TD_CHECK(tx.InsertTimeEntry(time));
        t.updated_at = std::min(answered, now);
        TD_CHECK(tx.TouchTicket(t.id, t.updated_at));
      }
      return Ok();
    }));
    result.tickets = end;
  }
  // What the closed cases consumed, recorded against their contracts.
  TD_CHECK(ctx.store.Write([&](core::WriteTx& tx) -> Status {
    for (auto [entitlement, used] : {std::pair{&premier, vendor.premier_minutes}, std::pair{&advanced, vendor.advanced_incidents}}) {
      if (used == 0) continue;
      entitlement->consumed += used;
      entitlement->version += 1;
      TD_CHECK(tx.UpdateEntitlement(*entitlement, entitlement->version - 1));
    }
    return Ok();
  }));
  // The watch's first pass finds the tickets in line with the terms and remembers that.
  TD_TRY(sla::RunWatch(ctx));
  return result;
}

}  // namespace tierdesk::app::setup
