// The frame of the end-to-end run: numbered steps with timings, a log line per action, the
// watch on every page (console errors, uncaught errors, failed requests, Content-Security-Policy
// violations, dialogs), and what a failure leaves behind (the step, the page's URL, a screenshot).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { WatchErrors } from "../browser.mjs";

const kStarted = Date.now();

function Clock() {
  return `${((Date.now() - kStarted) / 1000).toFixed(1).padStart(6)}s`;
}

export function Log(message) {
  console.log(`[${Clock()}] ${message}`);
}

export class Failure extends Error {}

/** Throws a Failure with `message` unless `condition` holds. */
export function Check(condition, message) {
  if (!condition) throw new Failure(message);
}

function FileName(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
}

// A request the app aborts itself (a page left while it loads, an EventSource closed on
// navigation, an AbortController) is not a failure.
function IsAbort(errorText) {
  return errorText === "net::ERR_ABORTED" || errorText === "NS_BINDING_ABORTED";
}

export class Run {
  constructor({ base, artifacts }) {
    this.base = base;
    this.artifacts = artifacts;
    this.results = [];
    this.current = null;
    this.pages = new Set();
    this.problems = [];
    this.screenshots = join(artifacts, "screenshots");
    this.failures = join(artifacts, "failures");
    mkdirSync(this.screenshots, { recursive: true });
    mkdirSync(this.failures, { recursive: true });
  }

  /**
   * Watches a page for the rest of the run. `who` names it in messages. Deliberate failures
   * (a 404 asked for on purpose) are declared with Allow() while they happen.
   */
  Watch(page, who) {
    const state = { who, allowed: [] };
    page.__e2e = state;
    this.pages.add(page);
    page.on("close", () => this.pages.delete(page));
    const allowed = (url) => state.allowed.some((pattern) => pattern.test(url));
    const report = (kind, text, url) => this.Problem(`${who}: ${kind}: ${text}`, url ?? page.url());
    WatchErrors(page, report, allowed);
    page.on("requestfailed", (request) => {
      const error = request.failure()?.errorText ?? "";
      if (IsAbort(error) || allowed(request.url())) return;
      report("request failed", `${request.method()} ${request.url()}: ${error}`);
    });
    page.on("response", (response) => {
      if (response.status() < 400 || allowed(response.url())) return;
      report("HTTP error", `${response.request().method()} ${response.url()} answered ${response.status()}`);
    });
    page.on("dialog", (dialog) => {
      report("dialog", `a ${dialog.type()} dialog opened: ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    return state;
  }

  /** Lets requests matching `pattern` fail on `page` while `body` runs (a deliberate 404). */
  async Allow(page, pattern, body) {
    const state = page.__e2e;
    state.allowed.push(pattern);
    try {
      return await body();
    } finally {
      // Late console messages about the same request still arrive after the body: keep the
      // allowance a moment longer.
      await new Promise((resolve) => setTimeout(resolve, 300));
      state.allowed.splice(state.allowed.indexOf(pattern), 1);
    }
  }

  Problem(text, url) {
    const step = this.current ? this.current.name : "(between steps)";
    this.problems.push({ step, text, url });
    Log(`PROBLEM in ${step}: ${text} [${url}]`);
  }

  /**
   * Runs one step. A step fails when `body` throws or when any watched page reported a problem
   * while it ran. `needs` names earlier steps: when one of them failed, this one is skipped
   * (and counts as a failure: nothing is skipped silently).
   */
  async Step(name, body, { needs = [] } = {}) {
    const result = { name, status: "pass", seconds: 0, detail: "" };
    this.results.push(result);
    const missing = needs.filter((n) => this.results.find((r) => r.name === n)?.status !== "pass");
    if (missing.length > 0) {
      result.status = "blocked";
      result.detail = `not run: it needs ${missing.join(", ")}`;
      Log(`STEP ${name}: BLOCKED (${result.detail})`);
      return undefined;
    }
    this.current = result;
    const started = Date.now();
    const problemsBefore = this.problems.length;
    Log(`STEP ${name}`);
    let value;
    try {
      value = await body();
      // Let late errors of the step's last action arrive.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const found = this.problems.slice(problemsBefore);
      if (found.length > 0) {
        throw new Failure(`${found.length} problem(s) on the pages: ${found.map((p) => `${p.text} [${p.url}]`).join("; ")}`);
      }
    } catch (error) {
      result.status = "fail";
      result.detail = error instanceof Failure ? error.message : error.stack || String(error);
      Log(`FAIL ${name}: ${result.detail}`);
      await this.SaveFailure(name);
    } finally {
      result.seconds = (Date.now() - started) / 1000;
      this.current = null;
    }
    if (result.status === "pass") Log(`PASS ${name} (${result.seconds.toFixed(1)} s)`);
    return value;
  }

  // Every open page's URL and a screenshot of it, named after the step.
  async SaveFailure(step) {
    let index = 0;
    for (const page of this.pages) {
      if (page.url() === "about:blank") continue; // a person who only uses the API
      index += 1;
      const who = page.__e2e?.who ?? "page";
      const path = join(this.failures, `${FileName(step)}-${FileName(who)}-${index}.png`);
      try {
        await page.screenshot({ path, fullPage: true, timeout: 10000 });
        Log(`  ${who} was at ${page.url()}; screenshot ${path}`);
      } catch (error) {
        Log(`  ${who} was at ${page.url()}; no screenshot (${error.message.split("\n")[0]})`);
      }
    }
  }

  Summary() {
    const width = Math.max(...this.results.map((r) => r.name.length), 10);
    console.log("\nend-to-end summary");
    for (const r of this.results) {
      const mark = r.status === "pass" ? "pass " : r.status === "blocked" ? "BLOCK" : "FAIL ";
      console.log(`  ${mark} ${r.name.padEnd(width)} ${r.seconds.toFixed(1).padStart(6)} s${r.status === "pass" ? "" : `  ${r.detail.split("\n")[0]}`}`);
    }
    const failed = this.results.filter((r) => r.status !== "pass").length;
    console.log(`${this.results.length - failed} of ${this.results.length} steps passed in ${((Date.now() - kStarted) / 1000).toFixed(1)} s`);
    return failed === 0;
  }
}
