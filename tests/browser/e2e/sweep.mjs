// Every page of the sign-in face, the portal and the console, in English and in Korean: the
// language is chosen in the page's header (as a person does), then each page is opened by its
// address, given a full-page screenshot and an axe-core check, and watched for console errors,
// failed requests and policy violations. A few pages also get the keyboard checks.
import { Check, Failure, Log } from "./harness.mjs";
import { Audit, SetLanguage, T, TabThrough, WaitReady } from "./ui.mjs";

const kLanguages = ["en", "ko"];

/** The sign-in face without a session. */
export function SignInPages() {
  return [
    { name: "signin", path: "/signin" },
    { name: "reset", path: "/reset" },
    { name: "not-found", path: "/account/no-such-page" },
  ];
}

/** The portal as a customer admin sees it (every page a customer may open). */
export function PortalPages({ ticketId }) {
  return [
    { name: "tickets", path: "/portal" },
    { name: "new-ticket", path: "/portal/new" },
    { name: "ticket", path: `/portal/tickets/${ticketId}` },
    { name: "statement", path: "/portal/statement" },
    { name: "usage", path: "/portal/usage" },
    { name: "people", path: "/portal/people" },
    { name: "not-found", path: "/portal/no-such-page" },
    // The sign-in face's page for signed-in people.
    { name: "change-password", path: "/account/password", face: "signin" },
  ];
}

/** The console as the partner's admin sees it: every page and one record of each kind. */
export function ConsolePages({ ticketId, period, ids }) {
  const pages = [
    { name: "queue", path: "/console" },
    ...["team", "unassigned", "breaching", "breached", "pending_vendor", "open"].map((v) => ({ name: `queue-${v.replace("_", "-")}`, path: `/console/queue/${v}` })),
    { name: "search", path: "/console/search?q=Azure" },
    { name: "ticket", path: `/console/tickets/${ticketId}` },
    { name: "vendor-cases", path: "/console/vendor-cases" },
    { name: "billing", path: `/console/billing/${period}` },
    { name: "dashboards", path: "/console/dashboards" },
    { name: "admin", path: "/console/admin" },
  ];
  for (const [section, id] of Object.entries(ids)) {
    pages.push({ name: `admin-${section}`, path: `/console/admin/${section}` });
    if (id !== null && id !== undefined) pages.push({ name: `admin-${section}-record`, path: `/console/admin/${section}/${id}` });
  }
  pages.push(
    { name: "admin-plans-new", path: "/console/admin/plans/new" },
    { name: "admin-rules-test", path: "/console/admin/rules/test" },
    { name: "not-found", path: "/console/no-such-page" },
  );
  return pages;
}

/**
 * Visits `pages` in both languages as `person` (already signed in, or not for the sign-in face).
 * Returns the problems found (each names the page and language).
 */
export async function Sweep(run, person, face, pages) {
  const problems = [];
  const page = person.page;
  let visits = 0;
  for (const lang of kLanguages) {
    // The language switch in the header of the first page.
    await person.Go(pages[0].path);
    await SetLanguage(page, lang);
    for (const spec of pages) {
      const started = Date.now();
      try {
        await page.goto(`${run.base}${spec.path}`);
        await WaitReady(page);
        const audit = await Audit(run, page, { face: spec.face ?? face, name: spec.name, lang });
        visits += 1;
        for (const p of audit.problems) problems.push(`${spec.face ?? face}-${spec.name}-${lang} (${spec.path}): ${p}`);
        Log(`  ${spec.face ?? face}-${spec.name}-${lang}: ${audit.problems.length === 0 ? "ok" : `${audit.problems.length} problem(s)`}${audit.notes ? `, ${audit.notes} minor note(s)` : ""} (${Date.now() - started} ms)`);
      } catch (error) {
        problems.push(`${spec.face ?? face}-${spec.name}-${lang} (${spec.path}): ${error instanceof Failure ? error.message : error.message.split("\n")[0]}`);
        Log(`  ${spec.face ?? face}-${spec.name}-${lang}: FAILED at ${page.url()}`);
      }
    }
  }
  Log(`  ${face}: ${visits} page visits audited`);
  return problems;
}

/** Tab order and visible focus on a page, and (console, portal) "?" opening the shortcuts. */
export async function Keyboard(run, person, { path, targets, shortcuts }) {
  const page = person.page;
  await person.Go(path);
  const problems = (await TabThrough(page, targets)).map((p) => `${path}: ${p}`);
  if (shortcuts) {
    const lang = await page.evaluate(() => document.documentElement.lang);
    await page.locator("main h1").first().click();
    await page.keyboard.press("?");
    const dialog = page.locator("dialog[open]");
    try {
      await dialog.waitFor({ state: "visible", timeout: 3000 });
      const title = T("common.shortcuts.title", {}, lang);
      Check((await dialog.innerText()).includes(title), `the dialog "?" opened is not "${title}"`);
      const keys = await dialog.locator("kbd").count();
      Log(`    "?" opened "${title}" listing ${keys} keys`);
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden", timeout: 3000 });
    } catch (error) {
      problems.push(`${path}: "?" did not open the shortcuts dialog (${error.message.split("\n")[0]})`);
    }
  }
  return problems;
}

