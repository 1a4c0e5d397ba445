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
import { createRequire } from "node:module";
import { Check, Log, Run } from "./e2e/harness.mjs";
import { Scenario } from "./e2e/scenario.mjs";
import { ConsolePages, Keyboard, PortalPages, SignInPages, Sweep } from "./e2e/sweep.mjs";
import { Person } from "./e2e/ui.mjs";

const require = createRequire(import.meta.url);

function Argument(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at > 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback !== undefined) return fallback;
  console.error(`e2e: --${name} is required`);
  process.exit(2);
}

const base = Argument("base");
const artifacts = Argument("artifacts");
const chromiumPath = Argument("chromium", "/usr/bin/chromium");

async function Main() {
  const { chromium } = require("playwright-core");
  const run = new Run({ base, artifacts });
  Log(`tierdesk at ${base}; screenshots in ${run.screenshots}`);
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, timeout: 30000 });
  Log(`Chromium ${browser.version()}, playwright-core ${require("playwright-core/package.json").version}, axe-core ${require("axe-core/package.json").version}`);
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
  await run.Step("pages: the sign-in face in English and Korean", async () => {
    const visitor = await new Person(run, browser, "visitor", "").Open();
    try {
      const problems = await Sweep(run, visitor, "signin", SignInPages());
      problems.push(
        ...(await Keyboard(run, visitor, {
          path: "/signin",
          targets: [
            { selector: "a.skip-link", label: "the skip link" },
            { selector: "input[name=email]", label: "the email field" },
            { selector: "input[name=password]", label: "the password field" },
            { selector: "form button[type=submit]", label: "the sign-in button" },
            { selector: ".language-switch select", label: "the language switch" },
          ],
        })),
      );
      Check(problems.length === 0, problems.join("\n"));
    } finally {
      await visitor.Close();
    }
  });
  await run.Step("pages: the portal in English and Korean", async () => {
    const domain = s.billable?.domain ?? "busan-marine.example";
    const person = await new Person(run, browser, "customer admin", `admin@${domain}`).Open();
    try {
      await person.SignInThroughApi();
      const ticketId = await ticketOf(person.api);
      const problems = await Sweep(run, person, "portal", PortalPages({ ticketId }));
      problems.push(
        ...(await Keyboard(run, person, {
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
        })),
      );
      Check(problems.length === 0, problems.join("\n"));
    } finally {
      await person.Close();
    }
  });
  await run.Step("pages: the console in English and Korean", async () => {
    const person = await new Person(run, browser, "partner admin", "admin@hanbit-cloud.example").Open();
    try {
      await person.SignInThroughApi();
      const api = person.api;
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
      const problems = await Sweep(run, person, "console", ConsolePages({ ticketId: await ticketOf(api), period, ids }));
      problems.push(
        ...(await Keyboard(run, person, {
          path: "/console/queue/open",
          targets: [
            { selector: "a.skip-link", label: "the skip link" },
            { selector: ".site-nav a", label: "the main navigation" },
            { selector: "#console-search", label: "the search field" },
            { selector: ".language-switch select", label: "the language switch" },
            { selector: "a[data-queue-row]", label: "the first ticket of the queue" },
          ],
          shortcuts: true,
        })),
      );
      Check(problems.length === 0, problems.join("\n"));
    } finally {
      await person.Close();
    }
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
