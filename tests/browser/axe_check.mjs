// Opens every customer's printable support statement (/support/{id}) in English and in Korean in
// a real browser, runs axe-core over it, and fails on any serious or critical violation, any
// console error (a Content-Security-Policy refusal is one) and any uncaught page error.
//
//   node axe_check.mjs --base http://127.0.0.1:PORT --token TOKEN [--chromium /usr/bin/chromium]
//
// Needs Node.js 18.19 or later (global fetch), playwright-core driving an installed Chromium
// (no browser download), and axe-core, both pinned in package-lock.json. run_axe_check.sh starts
// the server and calls this; see README.md.
import { Argument, LaunchChromium, RunAxe, Version, WatchErrors } from "./browser.mjs";

const base = Argument("axe_check", "base");
const token = Argument("axe_check", "token");
const chromiumPath = Argument("axe_check", "chromium", "/usr/bin/chromium");

async function CustomerIds() {
  const response = await fetch(`${base}/api/v1/organizations`, { headers: { Authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET /api/v1/organizations answered ${response.status}`);
  const body = await response.json();
  return body.items.filter((org) => org.kind === "customer").map((org) => org.id);
}

async function CheckPage(context, path, expectedLanguage) {
  const page = await context.newPage();
  const problems = [];
  WatchErrors(page, (kind, text) => problems.push(`${kind}: ${text}`));
  const response = await page.goto(`${base}${path}`, { waitUntil: "load" });
  if (!response || response.status() !== 200) {
    problems.push(`answered ${response ? response.status() : "nothing"}`);
    await page.close();
    return { problems, notes: [] };
  }
  const language = await page.evaluate(() => document.documentElement.lang);
  if (language !== expectedLanguage) problems.push(`<html lang="${language}">, expected "${expectedLanguage}"`);
  const { blocking, notes } = await RunAxe(page);
  problems.push(...blocking);
  await page.close();
  return { problems, notes };
}

async function Main() {
  const customers = await CustomerIds();
  if (customers.length === 0) throw new Error("the server has no customers to check");
  const browser = await LaunchChromium(chromiumPath, 20000);
  let failures = 0;
  let pages = 0;
  try {
    const context = await browser.newContext({ extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
    for (const id of customers) {
      for (const language of ["en", "ko"]) {
        const path = `/support/${id}?lang=${language}`;
        const { problems, notes } = await CheckPage(context, path, language);
        pages += 1;
        for (const note of notes) console.log(`note ${path}: ${note}`);
        for (const problem of problems) console.log(`FAIL ${path}: ${problem}`);
        if (problems.length > 0) failures += 1;
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`axe-core ${Version("axe-core")} on ${pages} page(s): ` +
              `${pages - failures} passed, ${failures} failed`);
  return failures === 0 ? 0 : 1;
}

Main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`axe_check: ${error.stack || error}`);
    process.exit(1);
  });
