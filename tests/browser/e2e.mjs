// The end-to-end test of tierdesk's web faces in a real browser (Debian's Chromium through
// playwright-core): the acceptance scenario across the portal and the console, markup in
// user text, and every page of the sign-in face, the portal and the console in English and
// Korean with a screenshot, axe-core and the watch for console errors, failed requests and
// Content-Security-Policy violations.
//
//   node e2e.mjs --base http://127.0.0.1:PORT --artifacts DIR [--chromium /usr/bin/chromium]
//
// run_e2e.sh starts the server on a fresh demo and calls this; see README.md. Exits 0 when
// every step passed, 1 otherwise (the summary lists each step with its time and failure).
import { Argument, LaunchChromium, Version } from "./browser.mjs";
import { Check, Log, Run } from "./e2e/harness.mjs";
import { Scenario } from "./e2e/scenario.mjs";
import { ConsolePages, Keyboard, PortalPages, SignInPages, Sweep } from "./e2e/sweep.mjs";
import { Person } from "./e2e/ui.mjs";

const base = Argument("e2e", "base");
const artifacts = Argument("e2e", "artifacts");
const chromiumPath = Argument("e2e", "chromium", "/usr/bin/chromium");

async function Main() {
  const run = new Run({ base, artifacts });
  Log(`tierdesk at ${base}; screenshots in ${run.screenshots}`);
  const browser = await LaunchChromium(chromiumPath, 30000);
  Log(`Chromium ${browser.version()}, playwright-core ${Version("playwright-core")}, axe-core ${Version("axe-core")}`);
  const scenario = new Scenario(run, browser);
  const s = scenario.s;
  try {
    const setup = "setup: a billable request, work that needs approval";
    await run.Step(setup, () => scenario.Prepare());
    const signIn = "1. the customer signs in on the sign-in page";
    await run.Step(signIn, () => scenario.CustomerSignsIn(), { needs: [setup] });
    const xssPortal = "xss: markup in subject, message, file name is text in the portal";
    await run.Step(xssPortal, () => scenario.XssInPortal(), { needs: [signIn] });
    const agentIn = "2. the agent the ticket will go to signs in to the console";
    await run.Step(agentIn, () => scenario.AgentSignsIn(), { needs: [xssPortal] });
    await run.Step("xss: the same ticket is text in the console", () => scenario.XssInConsole(s.agent), { needs: [agentIn] });
    const waiting = "2. the agent's console waits on the default queue";
    await run.Step(waiting, () => scenario.AgentWaitsOnQueue(), { needs: [agentIn] });
    const opened = "1. the customer opens a billable ticket: price shown, acceptance required";
    await run.Step(opened, () => scenario.CustomerOpensBillableTicket(), { needs: [signIn, waiting] });
    const live = "2. the ticket appears in the agent's queue within 2 s, no reload";
    await run.Step(live, () => scenario.AgentSeesItLive(), { needs: [opened] });
    await run.Step("2+3. public reply; the customer sees it within 2 s, no reload", () => scenario.AgentRepliesCustomerSees(), { needs: [live] });
    await run.Step("2. the agent logs time", () => scenario.AgentLogsTime(), { needs: [live] });
    await run.Step("2+3. escalation by the preferred path; the customer sees it within 2 s", () => scenario.AgentEscalatesCustomerSees(), { needs: [live] });
    await run.Step("4. provider and reseller agents see only their tickets", () => scenario.ProviderAndReseller(), { needs: [opened] });
    await run.Step("5. an admin edits a plan; the customer's statement changes", () => scenario.AdminEditsPlan(), { needs: [setup] });
    await run.Step("6. billing approves work and closes a period", () => scenario.BillingApprovesAndCloses(), { needs: [setup] });
  } finally {
    await scenario.Close();
  }

  // The page sweep: every page in both languages.
  const ticketOf = async (api, fallbackCustomer) => {
    if (s.ticket) return s.ticket.id;
    const items = (await api.Get("/tickets?limit=50")).items;
    return (items.find((t) => !fallbackCustomer || t.customer_id === fallbackCustomer) ?? items[0]).id;
  };
  // One sweep: `who` (signed in through the API unless a visitor) sees the `face`'s pages, then
  // tabs through one of them.
  const sweepStep = (title, { who, email, face, pages, keyboard }) =>
    run.Step(title, async () => {
      const person = await new Person(run, browser, who, email).Open();
      try {
        if (email) await person.SignInThroughApi();
        const problems = await Sweep(run, person, face, await pages(person.api));
        problems.push(...(await Keyboard(run, person, keyboard)));
        Check(problems.length === 0, problems.join("\n"));
      } finally {
        await person.Close();
      }
    });
  await sweepStep("pages: the sign-in face in English and Korean", {
    who: "visitor",
    email: "",
    face: "signin",
    pages: async () => SignInPages(),
    keyboard: {
      path: "/signin",
      targets: [
        { selector: "a.skip-link", label: "the skip link" },
        { selector: "input[name=email]", label: "the email field" },
        { selector: "input[name=password]", label: "the password field" },
        { selector: "form button[type=submit]", label: "the sign-in button" },
        { selector: ".language-switch select", label: "the language switch" },
      ],
    },
  });
  await sweepStep("pages: the portal in English and Korean", {
    who: "customer admin",
    email: `admin@${s.billable?.domain ?? "busan-marine.example"}`,
    face: "portal",
    pages: async (api) => PortalPages({ ticketId: await ticketOf(api) }),
    keyboard: {
      path: "/portal/new",
      targets: [
        { selector: "a.skip-link", label: "the skip link" },
        { selector: ".site-nav a", label: "the main navigation" },
        { selector: "main select", label: "the service" },
        { selector: "main input[type=text]", label: "the subject" },
        { selector: "main textarea", label: "the description" },
        { selector: "main form button[type=submit]", label: "the send button" },
      ],
      shortcuts: true,
    },
  });
  await sweepStep("pages: the console in English and Korean", {
    who: "partner admin",
    email: "admin@hanbit-cloud.example",
    face: "console",
    pages: async (api) => {
      const first = async (path) => (await api.Get(path)).items?.[0]?.id ?? null;
      const ids = {
        calendars: await first("/calendars"),
        plans: await first("/plans"),
        agreements: await first("/agreements"),
        entitlements: await first("/entitlements"),
        competencies: await first("/competencies"),
        providers: (await api.All("/organizations")).find((o) => o.kind === "provider")?.id ?? null,
        rules: await first("/rules"),
        teams: await first("/teams"),
        users: await first("/users"),
        organizations: (await api.All("/organizations")).find((o) => o.kind === "customer")?.id ?? null,
        settings: null,
      };
      const period = s.previous ?? new Date().toISOString().slice(0, 7);
      return ConsolePages({ ticketId: await ticketOf(api), period, ids });
    },
    keyboard: {
      path: "/console/queue/open",
      targets: [
        { selector: "a.skip-link", label: "the skip link" },
        { selector: ".site-nav a", label: "the main navigation" },
        { selector: "#console-search", label: "the search field" },
        { selector: ".language-switch select", label: "the language switch" },
        { selector: "a[data-queue-row]", label: "the first ticket of the queue" },
      ],
      shortcuts: true,
    },
  });
  await browser.close();
  return run.Summary() ? 0 : 1;
}

Main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`e2e: ${error.stack || error}`);
    process.exit(1);
  },
);
