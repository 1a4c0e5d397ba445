// The issue's acceptance, step by step: a customer opens a billable ticket and accepts the
// price, an agent sees it arrive live, answers, logs time and escalates to Microsoft by the
// preferred path while the customer watches; provider and reseller agents see only their
// tickets; an admin changes a plan and the customer's statement follows; a billing clerk
// approves work and closes a period. And the XSS check of user text in both faces.
import { Buffer } from "node:buffer";
import { Check, Failure, Log } from "./harness.mjs";
import { CheckNotReloaded, Control, Exactly, Mark, Person, SeenWithin, SetLanguage, T, WaitReady } from "./ui.mjs";

const kLive = new Set(["new", "open", "pending_customer", "pending_vendor"]);
const kStamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "");

// ------------------------------------------------------------------------------------------
// Data helpers

/** YYYY-MM-DD in `zone`, `offsetDays` from today. */
function DayIn(zone, offsetDays = 0) {
  const at = new Date(Date.now() + offsetDays * 86400000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

function PreviousPeriod(period) {
  const [y, m] = period.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** Values for the fields a service asks for in a category (one of each "group"). */
function FieldsFor(services, service, category, subscriptions, domain) {
  const spec = services.find((s) => s.code === service);
  const fields = {};
  const groups = new Set();
  for (const f of spec?.requirements?.fields ?? []) {
    if (!f.categories.includes(category)) continue;
    if (f.group) {
      if (groups.has(f.group)) continue;
      groups.add(f.group);
    }
    let value;
    const own = subscriptions.find((s) => s.service === service && s.status === "active");
    if (f.customer_subscription && own) value = own.subscription_id;
    else if (f.format === "guid") value = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    else if (f.format === "domain") value = domain;
    else if (f.format === "url") value = `https://${domain.split(".")[0]}.crm5.dynamics.com`;
    else value = "INV-2026-0042";
    fields[f.name] = { value, label: f.label };
  }
  return fields;
}

/** The ticket ids a queue page lists (its row links), loading every page the footer offers. */
async function QueueIds(page) {
  for (let i = 0; i < 20; i++) {
    const more = page.getByRole("button", { name: Exactly(T("console.queue.load_more")) });
    if ((await more.count()) === 0) break;
    await more.click();
    await page.waitForTimeout(300);
    await WaitReady(page);
  }
  const hrefs = await page.locator("a[data-queue-row]").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
  return hrefs.map((h) => Number(h.split("/").pop()));
}

function SameSet(a, b) {
  const x = [...new Set(a)].sort((p, q) => p - q);
  const y = [...new Set(b)].sort((p, q) => p - q);
  return { same: x.join(",") === y.join(","), onlyA: x.filter((v) => !y.includes(v)), onlyB: y.filter((v) => !x.includes(v)) };
}

// ------------------------------------------------------------------------------------------

export class Scenario {
  constructor(run, browser) {
    this.run = run;
    this.browser = browser;
    this.people = [];
    this.s = {}; // what the steps learn and leave for the later ones
  }

  async Person(who, email, { ui = false } = {}) {
    const person = await new Person(this.run, this.browser, who, email).Open();
    this.people.push(person);
    if (ui) await person.SignInThroughUi();
    else await person.SignInThroughApi();
    return person;
  }

  async Close() {
    for (const p of this.people) await p.Close();
  }

  // ----------------------------------------------------------------------------------------
  // Set-up through the API: who is who, which request is billable, and work that needs approval.

  async Prepare() {
    const s = this.s;
    const admin = await this.Person("admin", "admin@hanbit-cloud.example");
    s.admin = admin;
    s.settings = await admin.api.Get("/partner/settings");
    s.zone = s.settings.time_zone || "Asia/Seoul";
    s.today = DayIn(s.zone);
    s.period = s.today.slice(0, 7);
    s.previous = PreviousPeriod(s.period);
    s.orgs = await admin.api.All("/organizations");
    s.users = await admin.api.All("/users");
    s.services = (await admin.api.Get("/services")).items;
    Log(`partner today: ${s.today} (${s.zone}); current period ${s.period}, previous ${s.previous}`);

    // The customer: the first requester whose plan makes some request billable, asked with the
    // requester's own session.
    const requesters = s.users.filter((u) => u.role === "requester" && u.active);
    for (const requester of requesters) {
      const email = requester.email;
      const domain = email.split("@")[1];
      const probe = await this.Person(`probe ${domain}`, email);
      for (const service of s.services.map((x) => x.code)) {
        for (const category of ["technical", "billing", "subscription"]) {
          const preview = await probe.api.Get(`/tickets/preview?service=${service}&category=${category}`);
          if (preview.scope === "out_of_scope_billable" && !s.billable) {
            s.billable = { email, domain, service, category, quote: preview.quote, reason: preview.reason };
          }
        }
      }
      await probe.Close();
      this.people.splice(this.people.indexOf(probe), 1);
      if (s.billable) break;
    }
    Check(s.billable, "no demo customer has a request its plan makes billable (GET /api/v1/tickets/preview)");
    Log(`billable request: ${s.billable.service}/${s.billable.category} for ${s.billable.email} at ${s.billable.quote.hourly_rate} ${s.billable.quote.currency}/h: "${s.billable.reason}"`);
    const me = s.users.find((u) => u.email === s.billable.email);
    s.customerOrg = s.orgs.find((o) => o.id === me.organization_id);

    // Work that needs a billing clerk's approval: out-of-scope work without an accepted quote.
    // The demo has none, so a routing rule marks a request out of scope when it is opened
    // (subject "... quote later"), and an hour is logged on it.
    const rule = await admin.api.Send("POST", "/rules", {
      name: `E2E ${kStamp}: work the customer approves later`,
      enabled: true,
      match: "all",
      conditions: [{ field: "subject", op: "contains", values: ["quote later"] }],
      actions: [{ action: "set_scope", values: ["out_of_scope_billable"] }],
      stop: false,
      run_on: ["create"],
    });
    const customerApi = await this.Person("customer (API)", s.billable.email);
    const subscriptions = (await customerApi.api.Get("/subscriptions")).items;
    s.subscriptions = subscriptions;
    let covered = null;
    for (const service of ["azure", "m365", "d365"]) {
      for (const category of ["technical", "billing", "subscription"]) {
        const p = await customerApi.api.Get(`/tickets/preview?service=${service}&category=${category}`);
        // Not Microsoft 365 technical: after hours the demo's rules send it to the provider.
        if (!covered && p.scope === "in_scope" && !(service === "m365" && category === "technical")) covered = { service, category };
      }
    }
    Check(covered, `${s.billable.email} has no covered request type`);
    const fields = FieldsFor(s.services, covered.service, covered.category, subscriptions, s.billable.domain);
    const approval = await customerApi.api.Send("POST", "/tickets", {
      service: covered.service,
      category: covered.category,
      severity: "minimal",
      subject: `Migration review, quote later (${kStamp})`,
      description: "Please review our migration plan; we will agree on the price afterwards.",
      fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.value])),
    });
    Check(approval.scope === "out_of_scope_billable" && !approval.quote, `rule ${rule.id} did not leave ticket ${approval.id} out of scope without a quote (scope ${approval.scope})`);
    await admin.api.Send("POST", `/tickets/${approval.id}/time`, { minutes: 60, note: "Migration review (e2e)", billable: true, activity: "remote" });
    // The hour ended now and began an hour ago: just after midnight on the 1st, that is last month.
    let line = null;
    for (const period of [s.period, s.previous]) {
      const preview = await admin.api.Get(`/billing/periods/${period}/preview`);
      line = preview.items.flatMap((st) => st.lines).find((l) => l.kind === "needs_approval" && l.ticket_id === approval.id);
      if (line) {
        s.approvalPeriod = period;
        break;
      }
    }
    Check(line, `no needs_approval line for ticket ${approval.id} in ${s.period} or ${s.previous}`);
    s.approvalTicket = approval;
    Log(`work to approve: ticket #${approval.id} (${covered.service}/${covered.category}, rule ${rule.id}), line "${line.description}"`);

    // A live ticket for the provider (the demo's live ones may all be the partner's): the demo
    // routes a German customer's Dynamics 365 requests to the provider.
    const german = s.orgs.find((o) => o.kind === "customer" && o.country === "DE");
    if (german) {
      const requester = await this.Person("german customer (API)", `user@${german.domains[0]}`);
      const subs = (await requester.api.Get("/subscriptions")).items;
      for (const category of ["billing", "subscription", "technical"]) {
        const p = await requester.api.Get(`/tickets/preview?service=d365&category=${category}`);
        if (p.scope !== "in_scope") continue;
        const f = FieldsFor(s.services, "d365", category, subs, german.domains[0]);
        const routed = await requester.api.Send("POST", "/tickets", {
          service: "d365",
          category,
          severity: "moderate",
          subject: `Dynamics 365 licence question (${kStamp})`,
          description: "How many Team Members licences do we need?",
          fields: Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.value])),
        });
        const seen = await admin.api.Get(`/tickets/${routed.id}`);
        Log(`a ticket for the provider: #${routed.id} (${german.name}, d365/${category}), provider ${seen.provider_id}`);
        break;
      }
    }
  }

  // ----------------------------------------------------------------------------------------
  // The customer in the portal: signs in, opens tickets.

  async CustomerSignsIn() {
    const customer = await this.Person("customer", this.s.billable.email, { ui: true });
    this.s.customer = customer;
    Check(new URL(customer.page.url()).pathname.startsWith("/portal"), `the customer landed on ${customer.page.url()}, not the portal`);
    await SetLanguage(customer.page, "en");
  }

  /**
   * Fills /portal/new for the billable request; checks the price is shown before sending and
   * that sending without accepting it is refused. Returns the created ticket (from the POST's
   * answer) and when that answer arrived.
   */
  async OpenBillableTicket({ subject, description, files = [] }) {
    const s = this.s;
    const page = s.customer.page;
    const b = s.billable;
    await page.locator(".site-nav").getByRole("link", { name: Exactly(T("portal.nav.new")) }).click();
    await page.waitForURL(/\/portal\/new/);
    await WaitReady(page);
    await (await Control(page, T("portal.new.service"))).selectOption(b.service);
    await (await Control(page, T("portal.new.category"))).selectOption(b.category);
    // The price before sending.
    const price = await page.evaluate(
      ({ minor, currency }) => {
        const exp = ["KRW", "JPY"].includes(currency) ? 0 : 2;
        return new Intl.NumberFormat("en-GB", { style: "currency", currency, minimumFractionDigits: exp, maximumFractionDigits: exp }).format(minor / 10 ** exp);
      },
      { minor: b.quote.hourly_rate, currency: b.quote.currency },
    );
    const notice = page.locator(".notice--warning", { hasText: T("portal.scope.billable") });
    await notice.waitFor({ state: "visible", timeout: 10000 }).catch(() => {
      throw new Failure(`the billable notice ("${T("portal.scope.billable")}") did not appear for ${b.service}/${b.category}`);
    });
    const noticeText = await notice.innerText();
    Check(noticeText.includes(price), `the billable notice does not show the hourly price ${price}: "${noticeText}"`);
    Log(`  the portal shows, before sending: "${noticeText.replace(/\s+/g, " ").slice(0, 160)}"`);
    await (await Control(page, T("portal.new.subject"))).fill(subject);
    await (await Control(page, T("portal.new.description"))).fill(description);
    const fields = FieldsFor(s.services, b.service, b.category, s.subscriptions, b.domain);
    for (const { value, label } of Object.values(fields)) await (await Control(page, label)).fill(value);
    if (files.length > 0) await page.locator("form input[type=file]").setInputFiles(files);

    // Sending without accepting the charges is refused on the page: nothing is posted.
    let posted = 0;
    const count = (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/v1/tickets") posted += 1;
    };
    page.on("request", count);
    await page.getByRole("button", { name: Exactly(T("portal.new.submit")) }).click();
    await page.getByText(T("portal.scope.accept_required")).first().waitFor({ state: "visible", timeout: 5000 }).catch(() => {
      throw new Failure(`sending without ticking the acceptance did not say "${T("portal.scope.accept_required")}"`);
    });
    page.off("request", count);
    Check(posted === 0 && /\/portal\/new/.test(page.url()), `sending without accepting posted ${posted} ticket(s)`);
    Log("  sending without ticking the acceptance is refused on the page (nothing posted)");

    await notice.getByRole("checkbox").check();
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/tickets");
    await page.getByRole("button", { name: Exactly(T("portal.new.submit")) }).click();
    const response = await answer;
    const at = Date.now();
    Check(response.status() === 201, `POST /api/v1/tickets answered ${response.status()}: ${await response.text()}`);
    const ticket = await response.json();
    Check(ticket.scope === "out_of_scope_billable" && ticket.quote?.hourly_rate === b.quote.hourly_rate, `ticket ${ticket.id} has scope ${ticket.scope} and quote ${JSON.stringify(ticket.quote)}`);
    await page.waitForURL(new RegExp(`/portal/tickets/${ticket.id}(\\?|$)`), { timeout: 15000 });
    await WaitReady(page);
    Log(`  ticket #${ticket.id} created with the accepted quote; the portal shows ${new URL(page.url()).pathname}`);
    return { ticket, at };
  }

  // ----------------------------------------------------------------------------------------
  // XSS: markup in the subject, the message and a file name is shown as text.

  async XssInPortal() {
    const s = this.s;
    s.xss = {
      subject: `<img src=x onerror=alert(1)> ${kStamp}`,
      description: "<script>alert(2)</script> and <img src=x onerror=alert(3)>",
      file: "<img src=x onerror=alert(4)>.txt",
    };
    const { ticket } = await this.OpenBillableTicket({
      subject: s.xss.subject,
      description: s.xss.description,
      files: [{ name: s.xss.file, mimeType: "text/plain", buffer: Buffer.from("<script>alert(5)</script>\n") }],
    });
    s.xssTicket = ticket;
    const page = s.customer.page;
    const stored = (await s.customer.api.Get(`/tickets/${ticket.id}/attachments`)).items;
    Check(stored.length === 1, `the attachment was not stored (${stored.length} files)`);
    s.xss.storedFile = stored[0].filename;
    Log(`  the server stored the file name as "${s.xss.storedFile}"`);
    await this.CheckLiteral(page, "portal ticket page", [
      ["main h1", s.xss.subject],
      [".conversation .message__body", s.xss.description],
      ["main a[download]", s.xss.storedFile],
    ]);
    await s.customer.Go("/portal");
    await this.CheckLiteral(page, "portal ticket list", [["main table", s.xss.subject]]);
  }

  async XssInConsole(person) {
    const s = this.s;
    await person.Go(`/console/tickets/${s.xssTicket.id}`);
    await this.CheckLiteral(person.page, "console ticket page", [
      ["main h1", s.xss.subject],
      [".timeline .msg__body", s.xss.description],
      [".timeline a[download]", s.xss.storedFile],
    ]);
    await person.Go(`/console/search?q=${encodeURIComponent(kStamp)}`);
    await this.CheckLiteral(person.page, "console search results", [["main table", s.xss.subject]]);
  }

  // Each [selector, text]: some element matching selector shows text literally; and the page
  // holds no element the markup would have made.
  async CheckLiteral(page, where, expectations) {
    for (const [selector, text] of expectations) {
      const shown = await page.locator(selector).evaluateAll((els, t) => els.some((el) => el.textContent.includes(t)), text);
      Check(shown, `${where}: no ${selector} shows "${text}" as text`);
    }
    const injected = await page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"]').length,
      scripts: [...document.scripts].filter((el) => el.textContent.includes("alert(")).length,
      handlers: document.querySelectorAll("[onerror]").length,
    }));
    Check(injected.images === 0 && injected.scripts === 0 && injected.handlers === 0, `${where}: the markup became elements: ${JSON.stringify(injected)}`);
    Log(`  ${where}: the markup is shown as text; no element was made from it, no dialog opened`);
  }

  // ----------------------------------------------------------------------------------------
  // Steps 1 to 3

  /**
   * Who will get the next ticket of the billable kind (the agent whose default queue, "My
   * tickets", will show it): the team the XSS ticket (the same kind, opened just before) went
   * to assigns among its available members: round robin after the XSS ticket's assignee, or
   * the one with the fewest live tickets.
   */
  PredictAssignee(teams, live) {
    const s = this.s;
    const team = teams.find((t) => t.id === s.xssTicket.team_id);
    Check(team, `the XSS ticket #${s.xssTicket.id} has no team (team_id ${s.xssTicket.team_id})`);
    const available = team.members
      .map((id) => s.users.find((u) => u.id === id))
      .filter((u) => u && u.active && !u.away && ["agent", "supervisor", "admin"].includes(u.role))
      .sort((a, b) => a.id - b.id);
    if (team.assignment === "round_robin") {
      const last = s.xssTicket.assignee_id ?? 0;
      return { team, user: available.find((u) => u.id > last) ?? available[0] };
    }
    if (team.assignment === "least_open") {
      // The fewest live tickets; the lowest id on a tie (as core::PickAssignee).
      const load = (u) => live.filter((t) => t.assignee_id === u.id).length;
      return { team, user: available.reduce((best, u) => (best === undefined || load(u) < load(best) ? u : best), undefined) };
    }
    return { team, user: undefined };
  }

  /** The agent the next ticket of the billable kind will go to signs in to the console. */
  async AgentSignsIn() {
    const s = this.s;
    s.xssTicket = await s.admin.api.Get(`/tickets/${s.xssTicket.id}`);
    const teams = (await s.admin.api.Get("/teams")).items;
    const live = (await s.admin.api.All("/tickets?sort=next_due")).filter((t) => kLive.has(t.status));
    const { team, user } = this.PredictAssignee(teams, live);
    Check(user, `team ${team.name} (${team.assignment}) assigns nobody by itself: no agent's default queue would show the ticket`);
    Log(`team "${team.name}" (${team.assignment}) gives the next ticket to ${user.email} (${user.role})`);
    s.agent = await this.Person(`agent ${user.email.split("@")[0]}`, user.email, { ui: true });
    s.agent.user = user;
    Check(new URL(s.agent.page.url()).pathname.startsWith("/console"), `the agent landed on ${s.agent.page.url()}, not the console`);
    await SetLanguage(s.agent.page, "en");
  }

  async AgentWaitsOnQueue() {
    const s = this.s;
    await s.agent.Go("/console");
    const heading = (await s.agent.page.locator("main h1").innerText()).trim();
    const rows = await s.agent.page.locator("a[data-queue-row]").count();
    Log(`  the agent's console shows its default queue "${heading}" (${rows} rows) at ${new URL(s.agent.page.url()).pathname}`);
    await Mark(s.agent.page);
  }

  async CustomerOpensBillableTicket() {
    const s = this.s;
    s.subject = `Dynamics plug-in fails after the update (${kStamp})`;
    const made = await this.OpenBillableTicket({
      subject: s.subject,
      description: "Since this morning's update our sales plug-in throws an error on save.",
    });
    s.ticket = made.ticket;
    s.createdAt = made.at;
    Check(await s.customer.page.getByText(T("portal.ticket.created", { number: s.ticket.number ?? s.ticket.id })).count() > 0, "the portal does not confirm the new ticket");
  }

  async AgentSeesItLive() {
    const s = this.s;
    const page = s.agent.page;
    const link = page.locator(`a[data-queue-row][href="/console/tickets/${s.ticket.id}"]`);
    try {
      await SeenWithin(link, s.createdAt, `ticket #${s.ticket.id} in ${s.agent.who}'s queue`);
    } finally {
      const now = await s.admin.api.Get(`/tickets/${s.ticket.id}`);
      Log(`  ticket #${s.ticket.id} is assigned to user ${now.assignee_id} (team ${now.team_id}); the agent is user ${s.agent.user?.id ?? s.users.find((u) => u.email === s.agent.email)?.id}`);
    }
    await CheckNotReloaded(page, s.agent.who);
    await link.click();
    await page.waitForURL(new RegExp(`/console/tickets/${s.ticket.id}$`));
    await WaitReady(page);
    Check((await page.locator("main h1").innerText()).includes(s.subject), "the console's ticket page does not show the subject");
  }

  async AgentRepliesCustomerSees() {
    const s = this.s;
    const page = s.agent.page;
    await Mark(s.customer.page);
    s.reply = `Thank you: we reproduced the error and are working on it (${kStamp}).`;
    await page.locator("#composer-body").fill(s.reply);
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/tickets/${s.ticket.id}/messages`);
    await page.getByRole("button", { name: Exactly(T("console.composer.send_reply")) }).click();
    const response = await answer;
    const at = Date.now();
    Check(response.status() === 201, `the reply answered ${response.status()}`);
    const message = await response.json();
    Check(message.kind === "public_reply", `the reply was stored as ${message.kind}`);
    await SeenWithin(s.customer.page.locator(".conversation .message__body", { hasText: s.reply }), at, "the reply on the customer's ticket page");
    await CheckNotReloaded(s.customer.page, "the customer");
  }

  async AgentLogsTime() {
    const s = this.s;
    const page = s.agent.page;
    const panel = page.locator("details.log-time");
    await panel.locator("summary").click();
    await (await Control(panel, T("console.time.duration"))).fill("45");
    await (await Control(panel, T("console.time.note"))).fill("Reproduced and analysed the plug-in error");
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/tickets/${s.ticket.id}/time`);
    await panel.getByRole("button", { name: Exactly(T("console.time.log_button")) }).click();
    const response = await answer;
    Check(response.status() === 201, `logging time answered ${response.status()}: ${await response.text()}`);
    await panel.getByText(T("console.time.logged", { time: "45m" })).waitFor({ state: "visible", timeout: 5000 });
    await page.locator("#time table tbody tr", { hasText: "Reproduced and analysed" }).first().waitFor({ state: "visible", timeout: 5000 }).catch(() => {
      throw new Failure("the logged time does not appear among the ticket's time entries");
    });
    const list = await s.admin.api.Get(`/tickets/${s.ticket.id}/time`);
    Check(list.items.some((e) => e.minutes === 45), `GET /tickets/${s.ticket.id}/time has no 45-minute entry`);
    Log(`  45 minutes logged; the ticket's total is now ${list.total_minutes} minutes`);
  }

  async AgentEscalatesCustomerSees() {
    const s = this.s;
    const page = s.agent.page;
    await Mark(s.customer.page);
    const panel = page.locator("section", { has: page.getByRole("heading", { name: Exactly(T("console.escalation.title")) }) }).last();
    await panel.getByRole("button", { name: Exactly(T("console.escalation.show")) }).click();
    const chosen = panel.locator('input[name="escalation-path"]:checked');
    await chosen.waitFor({ state: "attached", timeout: 10000 }).catch(() => {
      throw new Failure("the escalation panel chose no path");
    });
    const option = panel.locator(".escalation-option", { has: page.locator('input[name="escalation-path"]:checked') });
    const optionText = (await option.innerText()).replace(/\s+/g, " ");
    const preferred = await option.evaluate((el) => el.classList.contains("escalation-option--preferred"));
    Check(preferred && optionText.includes(T("console.escalation.preferred")), `the path chosen first is not the one marked preferred: "${optionText}"`);
    const options = await s.agent.api.Get(`/tickets/${s.ticket.id}/escalation-options`);
    const apiPreferred = options.items.find((o) => o.preferred && o.eligible);
    Check(apiPreferred && optionText.includes(apiPreferred.name || apiPreferred.title), `the API prefers ${apiPreferred?.name}, the console marks "${optionText}"`);
    Log(`  the console marks "${apiPreferred.name}" preferred and has chosen it`);
    await (await Control(panel, T("console.escalation.case_number"))).fill(`2612${kStamp.slice(-8)}`);
    const answer = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/tickets/${s.ticket.id}/escalations`);
    await panel.getByRole("button", { name: Exactly(T("console.escalation.submit", { path: apiPreferred.name || apiPreferred.title })) }).click();
    const response = await answer;
    const at = Date.now();
    Check(response.status() === 201, `the escalation answered ${response.status()}: ${await response.text()}`);
    const vendorCase = await response.json();
    Check(vendorCase.entitlement_id === apiPreferred.entitlement_id, `the case went through entitlement ${vendorCase.entitlement_id}, not the preferred ${apiPreferred.entitlement_id}`);
    await page.getByText(T("console.escalation.done")).first().waitFor({ state: "visible", timeout: 5000 });
    await SeenWithin(s.customer.page.getByText(T("portal.ticket.escalated"), { exact: true }), at, `"${T("portal.ticket.escalated")}" on the customer's ticket page`);
    await CheckNotReloaded(s.customer.page, "the customer");
    const seen = await s.customer.api.Get(`/tickets/${s.ticket.id}`);
    Log(`  the customer's API view of the ticket: status ${seen.status}`);
  }

  // ----------------------------------------------------------------------------------------
  // Step 4: provider and reseller agents see only their tickets.

  async ScopedAgent({ who, email, belongs, describe }) {
    const s = this.s;
    const person = await this.Person(who, email, { ui: true });
    await SetLanguage(person.page, "en");
    await person.Go("/console/queue/open");
    const shown = await QueueIds(person.page);
    const own = (await person.api.All("/tickets?sort=next_due")).filter((t) => kLive.has(t.status));
    const everything = (await s.admin.api.All("/tickets?sort=next_due")).filter((t) => kLive.has(t.status));
    const expected = everything.filter(belongs).map((t) => t.id);
    Check(shown.length > 0, `${who}'s open queue is empty: nothing to compare`);
    const vsApi = SameSet(shown, own.map((t) => t.id));
    Check(vsApi.same, `${who}'s console lists [${vsApi.onlyA}] that its API does not, and misses [${vsApi.onlyB}]`);
    const strangers = own.filter((t) => !belongs(t));
    Check(strangers.length === 0, `${who} sees tickets that are not ${describe}: ${strangers.map((t) => `#${t.id}`).join(", ")}`);
    const vsAll = SameSet(shown, expected);
    Check(vsAll.same, `${who}'s console lists [${vsAll.onlyA}] beyond the ${describe} ones, and misses [${vsAll.onlyB}]`);
    Log(`  ${who}: the open queue lists ${shown.length} live tickets, exactly the ${describe} ones the API gives this session and the partner's view has`);
    // Another customer's ticket by its address: a not-found page, none of its data.
    const foreign = s.ticket;
    Check(!belongs(await s.admin.api.Get(`/tickets/${foreign.id}`)), `ticket #${foreign.id} is ${describe}`);
    Check((await person.api.Status(`/tickets/${foreign.id}`)) === 404, `GET /api/v1/tickets/${foreign.id} for ${who} is not 404`);
    await this.run.Allow(person.page, new RegExp(`/api/v1/tickets/${foreign.id}(/|\\?|$)`), async () => {
      await person.Go(`/console/tickets/${foreign.id}`);
      await person.page.getByText(T("console.ticket.not_found")).first().waitFor({ state: "visible", timeout: 5000 }).catch(() => {
        throw new Failure(`${who} at /console/tickets/${foreign.id} does not see "${T("console.ticket.not_found")}"`);
      });
    });
    const body = await person.page.locator("body").innerText();
    Check(!body.includes(s.subject) && !body.includes(s.reply), `${who}'s not-found page shows the ticket's data`);
    Log(`  ${who}: /console/tickets/${foreign.id} (another customer's) shows "${T("console.ticket.not_found")}" and none of its data`);
    await person.Close();
    this.people.splice(this.people.indexOf(person), 1);
  }

  async ProviderAndReseller() {
    const s = this.s;
    const provider = s.orgs.find((o) => o.kind === "provider");
    const reseller = s.orgs.find((o) => o.kind === "reseller");
    const providerUser = s.users.find((u) => u.role === "provider_agent" && u.organization_id === provider.id);
    const resellerUser = s.users.find((u) => u.role === "reseller_agent" && u.organization_id === reseller.id);
    const resold = new Set(s.orgs.filter((o) => o.parent_id === reseller.id && o.kind === "customer").map((o) => o.id));
    await this.ScopedAgent({
      who: "provider agent",
      email: providerUser.email,
      belongs: (t) => t.provider_id === provider.id,
      describe: `routed to ${provider.name}`,
    });
    await this.ScopedAgent({
      who: "reseller agent",
      email: resellerUser.email,
      belongs: (t) => resold.has(t.customer_id),
      describe: `${reseller.name}'s customers'`,
    });
  }

  // ----------------------------------------------------------------------------------------
  // Step 5: an admin changes a plan; the statement of a customer on it follows.

  async AdminEditsPlan() {
    const s = this.s;
    const admin = await this.Person("admin console", "admin@hanbit-cloud.example", { ui: true });
    s.adminUi = admin;
    await SetLanguage(admin.page, "en");
    const agreements = (await admin.api.Get("/agreements")).items;
    const active = agreements.filter((a) => a.start_date <= s.today && (!a.end_date || a.end_date >= s.today));
    // A plan only one customer is on (not the scenario's customer): its agreement can move.
    const target = active.find((a) => active.filter((b) => b.plan_id === a.plan_id).length === 1 && a.customer_id !== s.customerOrg.id && a.start_date < s.today);
    Check(target, "no customer alone on its plan to change");
    const plan = await admin.api.Get(`/plans/${target.plan_id}`);
    const customer = s.orgs.find((o) => o.id === target.customer_id);
    const before = await admin.api.Page(`/support/${customer.id}?lang=en`);
    const description = `${plan.description} Reviewed ${s.today} (${kStamp}).`;
    Log(`  plan "${plan.name}" v${plan.version}, ${customer.name}'s agreement #${target.id}`);

    await admin.Go(`/console/admin/plans/${plan.id}`);
    const page = admin.page;
    await (await Control(page, T("console.plan.description"))).fill(description);
    const saved = page.waitForResponse((r) => r.request().method() === "PUT" && new URL(r.url()).pathname === `/api/v1/plans/${plan.id}`);
    await page.getByRole("button", { name: Exactly(T("console.plan.save_version")) }).click();
    const put = await saved;
    Check(put.status() === 200, `saving the plan answered ${put.status()}: ${await put.text()}`);
    await page.getByText(T("console.plan.saved")).first().waitFor({ state: "visible", timeout: 5000 });
    const newVersion = (await put.json()).version;
    Check(newVersion === plan.version + 1, `the plan's version is ${newVersion} after saving`);
    const unchanged = await admin.api.Page(`/support/${customer.id}?lang=en`);
    Log(`  saved as v${newVersion}; ${customer.name}'s statement ${unchanged === before ? "is unchanged: its agreement keeps v" + target.plan_version : "changed already"}`);

    // The customer moves to the new version: its agreement ends yesterday, a new one starts today.
    const yesterday = DayIn(s.zone, -1);
    await admin.Go(`/console/admin/agreements/${target.id}`);
    await (await Control(page, T("console.agreement.end"))).fill(yesterday);
    const patched = page.waitForResponse((r) => r.request().method() === "PATCH" && new URL(r.url()).pathname === `/api/v1/agreements/${target.id}`);
    await page.getByRole("button", { name: Exactly(T("console.agreement.set_end")) }).click();
    const patch = await patched;
    Check(patch.status() === 200, `ending the agreement answered ${patch.status()}: ${await patch.text()}`);
    await admin.Go("/console/admin/agreements/new");
    await (await Control(page, T("console.agreement.customer"))).selectOption(String(customer.id));
    await (await Control(page, T("console.agreement.plan"))).selectOption(String(plan.id));
    await (await Control(page, T("console.agreement.start"))).fill(s.today);
    const created = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/agreements");
    await page.getByRole("button", { name: Exactly(T("console.agreement.create")) }).click();
    const post = await created;
    Check(post.status() === 201, `creating the agreement answered ${post.status()}: ${await post.text()}`);
    const agreement = await post.json();
    Check(agreement.plan_version === newVersion, `the new agreement follows v${agreement.plan_version}`);
    Log(`  ${customer.name}: agreement #${target.id} ends ${yesterday}; #${agreement.id} on v${newVersion} from ${s.today}`);

    // The printable statement, as the admin's browser shows it.
    const statement = await admin.NewPage("statement");
    const response = await statement.goto(`${this.run.base}/support/${customer.id}?lang=en`);
    Check(response.status() === 200, `/support/${customer.id} answered ${response.status()}`);
    const text = await statement.locator("body").innerText();
    Check(text.includes(description), `/support/${customer.id} does not show the plan's new description`);
    Check(!before.includes(kStamp), "the statement had the new description before");
    Check(text.includes(`(v${newVersion})`), `/support/${customer.id} does not name plan version ${newVersion}`);
    Log(`  /support/${customer.id} now shows v${newVersion} and the new description`);
    await statement.close();
    s.statementCustomer = customer;
  }

  // ----------------------------------------------------------------------------------------
  // Step 6: a billing clerk approves work and closes a period.

  async BillingApprovesAndCloses() {
    const s = this.s;
    const clerk = await this.Person("billing clerk", "billing@hanbit-cloud.example", { ui: true });
    await SetLanguage(clerk.page, "en");
    const page = clerk.page;
    const id = s.approvalTicket.id;
    const period = s.approvalPeriod;
    await clerk.Go(`/console/billing/${period}`);
    const row = page.locator("#approvals tr", { has: page.locator(`a[href="/console/tickets/${id}"]`) }).first();
    await row.waitFor({ state: "visible", timeout: 5000 }).catch(() => {
      throw new Failure(`the billing page of ${period} lists no work to approve on ticket #${id}`);
    });
    const decided = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/billing/periods/${period}/approvals`);
    await row.getByRole("button", { name: Exactly(T("console.billing.approve")) }).click();
    const response = await decided;
    Check(response.ok(), `approving answered ${response.status()}: ${await response.text()}`);
    await page.locator("#approvals table").last().locator("tr", { hasText: `#${id}` }).getByText(T("console.billing.approved")).first().waitFor({ state: "visible", timeout: 5000 }).catch(() => {
      throw new Failure(`the decisions table does not show ticket #${id} approved`);
    });
    const preview = await clerk.api.Get(`/billing/periods/${period}/preview`);
    const lines = preview.items.flatMap((st) => st.lines).filter((l) => l.ticket_id === id);
    Check(!lines.some((l) => l.kind === "needs_approval") && lines.some((l) => l.kind === "out_of_scope" && l.amount > 0), `after the approval, ticket #${id}'s lines are ${JSON.stringify(lines.map((l) => [l.kind, l.amount]))}`);
    Log(`  ticket #${id}'s hour approved: now charged ${lines.filter((l) => l.amount > 0).map((l) => `${l.amount} ${l.currency}`).join(", ")}`);

    // The previous period (the current one is not over yet and cannot close).
    await clerk.Go(`/console/billing/${s.previous}`);
    await page.getByRole("button", { name: Exactly(T("console.billing.close")) }).click();
    const dialog = page.locator("dialog[open]");
    await dialog.waitFor({ state: "visible", timeout: 5000 });
    const closed = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `/api/v1/billing/periods/${s.previous}/close`);
    await dialog.getByRole("button", { name: Exactly(T("console.billing.close")) }).click();
    const close = await closed;
    Check(close.ok(), `closing ${s.previous} answered ${close.status()}: ${await close.text()}`);
    await page.getByText(T("console.billing.close_done")).first().waitFor({ state: "visible", timeout: 10000 });
    const after = await clerk.api.Get(`/billing/periods/${s.previous}/preview`);
    Check(after.items.length > 0 && after.items.every((st) => st.status === "closed"), `after closing, ${s.previous}'s statements are ${after.items.map((st) => st.status).join(", ")}`);
    Log(`  ${s.previous} closed: ${after.items.length} statements frozen`);
  }
}
