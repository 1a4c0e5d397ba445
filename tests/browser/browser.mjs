// What the browser checks share (axe_check.mjs, e2e.mjs and e2e/): their command-line
// arguments, launching Debian's Chromium through playwright-core (no browser download), axe-core
// evaluated in a page, and the watch for console errors, Content-Security-Policy refusals and
// uncaught page errors.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The value of `--name` on the command line, else `fallback`; without either, exit 2. */
export function Argument(program, name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  if (at > 0 && at + 1 < process.argv.length) return process.argv[at + 1];
  if (fallback !== undefined) return fallback;
  console.error(`${program}: --${name} is required`);
  process.exit(2);
}

export function Version(name) {
  return require(`${name}/package.json`).version;
}

/** Chromium at `executablePath`, headless, driven by playwright-core. */
export async function LaunchChromium(executablePath, timeout) {
  const { chromium } = require("playwright-core");
  return chromium.launch({ executablePath, headless: true, timeout });
}

let axeSource = null;
const kBlocking = new Set(["serious", "critical"]);

/**
 * Runs axe-core over `page`: the violations of serious or critical impact (`blocking`) and the
 * others (`notes`), one line each. axe-core is evaluated through the DevTools protocol, which the
 * page's policy does not govern (an injected <script> would be refused by script-src 'self').
 */
export async function RunAxe(page) {
  axeSource ??= readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const blocking = [];
  const notes = [];
  for (const violation of results.violations) {
    const where = violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", ");
    const line = `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.length} node(s): ${where})`;
    (kBlocking.has(violation.impact) ? blocking : notes).push(line);
  }
  return { blocking, notes };
}

/**
 * Calls `report(kind, text)` for each console error ("console error"), Content-Security-Policy
 * refusal ("CSP violation", whatever the message's level) and uncaught error ("page error") of
 * `page`. A "Failed to load resource" error about a URL for which `allowed(url)` is true is not one.
 */
export function WatchErrors(page, report, allowed = () => false) {
  page.on("console", (message) => {
    const text = message.text();
    if (/Content.Security.Policy|securitypolicyviolation/i.test(text)) {
      report("CSP violation", text);
      return;
    }
    if (message.type() !== "error") return;
    const where = message.location()?.url ?? "";
    if (/^Failed to load resource/.test(text) && allowed(where)) return;
    report("console error", `${text}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (error) => report("page error", error.message));
}
