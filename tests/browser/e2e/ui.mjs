// What the steps do with pages: people with their own browser context (cookies, language
// choice), signing in through the sign-in page, switching the language in the header, waiting
// for a page to have loaded, the words of the UI in both languages (the front end's own
// catalogues), and the per-page audit (screenshot, <html lang>, axe-core, keyboard focus).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RunAxe } from "../browser.mjs";
import { ApiSession } from "./api.mjs";
import { Check, Failure, Log } from "./harness.mjs";

export const kPassword = "tierdesk-demo-2026";

// ------------------------------------------------------------------------------------------
// The UI's words: web/src/i18n/<face>.<lang>.json, merged per language (keys are prefixed by
// the face), so a step finds "Send reply" or "답장 보내기" as the UI says it today.

const i18nDir = fileURLToPath(new URL("../../../web/src/i18n/", import.meta.url));
const catalogues = { en: {}, ko: {} };
for (const face of ["common", "signin", "portal", "console"]) {
  for (const lang of ["en", "ko"]) {
    Object.assign(catalogues[lang], JSON.parse(readFileSync(join(i18nDir, `${face}.${lang}.json`), "utf8")));
  }
}

/** The UI's text for `key` in `lang`, with {placeholders} filled. */
export function T(key, params = {}, lang = "en") {
  const text = catalogues[lang][key];
  if (text === undefined) throw new Failure(`the test uses the UI text ${key}, which the ${lang} catalogue lacks`);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** A regular expression matching the text exactly (for getByRole names and the like). */
export function Exactly(text) {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
}

/**
 * The control a visible label names, in `scope` (a page or a locator): the label's text is
 * `text`, give or take the required marker ("*"); the control is the label's `for` target.
 */
export async function Control(scope, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const label = scope.locator("label").filter({ hasText: new RegExp(`^\\s*${escaped}(\\s*\\*)?\\s*$`) }).first();
  const id = await label.getAttribute("for", { timeout: 10000 }).catch(() => {
    throw new Failure(`no field labelled "${text}"`);
  });
  Check(id, `the label "${text}" names no control`);
  return scope.locator(`[id="${id}"]`);
}

// ------------------------------------------------------------------------------------------
// People: one browser context each (its own cookies and localStorage), watched pages, and the
// API with the same session.

export class Person {
  constructor(run, browser, who, email) {
    this.run = run;
    this.browser = browser;
    this.who = who;
    this.email = email;
  }

  async Open() {
    this.context = await this.browser.newContext({
      locale: "en-US",
      timezoneId: "Asia/Seoul",
      viewport: { width: 1280, height: 900 },
      serviceWorkers: "block",
    });
    // Reported by the page itself, so no refusal goes unseen (the init script runs through the
    // DevTools protocol, which the page's policy does not govern).
    await this.context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`securitypolicyviolation: ${event.violatedDirective} refused ${event.blockedURI || "inline"} in ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    this.api = new ApiSession(this.context, this.run.base);
    this.page = await this.NewPage();
    return this;
  }

  async NewPage(label) {
    const page = await this.context.newPage();
    page.setDefaultTimeout(15000);
    this.run.Watch(page, label ? `${this.who} (${label})` : this.who);
    return page;
  }

  async Close() {
    await this.context?.close().catch(() => {});
  }

  /** Through the sign-in page, as a person does; lands on the face the role opens. */
  async SignInThroughUi() {
    const page = this.page;
    Log(`${this.who}: signs in as ${this.email} on /signin`);
    await page.goto(`${this.run.base}/signin`);
    await page.locator("input[name=email]").fill(this.email);
    await page.locator("input[name=password]").fill(kPassword);
    const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
    await page.locator("form button[type=submit]").click();
    const response = await answer;
    Check(response.status() === 200, `${this.who}: the sign-in answered ${response.status()}`);
    const cookies = (await this.context.cookies(this.run.base)).map((c) => c.name);
    Check(cookies.includes("tierdesk_session") && cookies.includes("tierdesk_csrf"), `${this.who}: the sign-in set the cookies ${cookies.join(", ")}`);
    await page.waitForURL(/\/(portal|console)(\/|$|\?)/, { timeout: 15000 });
    await WaitReady(page);
    Log(`${this.who}: signed in, at ${new URL(page.url()).pathname}`);
  }

  /** Through the API (for the page sweep and people whose sign-in is not under test). */
  async SignInThroughApi() {
    this.user = await this.api.SignIn(this.email, kPassword);
  }

  async Go(path) {
    await this.page.goto(`${this.run.base}${path}`);
    await WaitReady(this.page);
  }
}

// ------------------------------------------------------------------------------------------
// Pages

/**
 * Waits until the page shows its content: a <main> with its <h1>, nothing "Loading…"
 * (the shared Loading component, class "loading") and the fonts in.
 */
export async function WaitReady(page, timeout = 15000) {
  try {
    await page.waitForFunction(
      () => {
        const main = document.querySelector("main");
        if (!main || !main.querySelector("h1")) return false;
        return document.querySelector(".loading") === null && document.fonts.status === "loaded";
      },
      null,
      { timeout, polling: 100 },
    );
  } catch (error) {
    throw new Failure(`${page.url()} did not finish loading within ${timeout / 1000} s (no <h1> in <main>, or something still "loading")`);
  }
}

/** Chooses the language in the header's language switch and checks <html lang>. */
export async function SetLanguage(page, lang) {
  const select = page.locator(".language-switch select");
  await select.selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: 5000 }).catch(() => {
    throw new Failure(`after choosing ${lang} in the language switch, <html lang> is "${lang}"? no`);
  });
  const heading = await page.locator("main h1").first().innerText();
  Log(`  language ${lang} chosen in the header; <html lang="${lang}">; the page reads "${heading.trim().slice(0, 60)}"`);
}

/** A marker in the page's JavaScript world: gone after a reload, kept by in-page navigation. */
export async function Mark(page) {
  await page.evaluate(() => {
    window.__tierdeskE2eMarker = "still-here";
  });
}

export async function CheckNotReloaded(page, who) {
  const marker = await page.evaluate(() => window.__tierdeskE2eMarker);
  Check(marker === "still-here", `${who}'s page was reloaded (the marker set before is gone)`);
}

/**
 * Waits until `locator` is visible on `page` and says how long after `since` (a Date.now()
 * timestamp, taken when the action's response arrived) that was.
 */
export async function SeenWithin(locator, since, what, bound = 2000) {
  await locator.first().waitFor({ state: "visible", timeout: 15000 }).catch(() => {
    throw new Failure(`${what}: not shown after 15 s`);
  });
  const elapsed = Date.now() - since;
  Log(`  ${what}: shown ${elapsed} ms after the action${elapsed <= bound ? "" : ` (over the ${bound} ms bound)`}`);
  Check(elapsed <= bound, `${what}: shown ${elapsed} ms after the action, over the ${bound} ms bound`);
  return elapsed;
}

// ------------------------------------------------------------------------------------------
// The audit of one page: <html lang>, a full-page screenshot, axe-core.

export async function Audit(run, page, { face, name, lang }) {
  const problems = [];
  const actual = await page.evaluate(() => document.documentElement.lang);
  if (actual !== lang) problems.push(`<html lang="${actual}">, expected "${lang}"`);
  const file = join(run.screenshots, `${face}-${name}-${lang}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: "disabled", timeout: 20000 });
  const axe = await RunAxe(page);
  problems.push(...axe.blocking);
  for (const line of axe.notes) Log(`    note ${face}-${name}-${lang}: ${line}`);
  const notes = axe.notes.length;
  return { problems, notes, file };
}

/**
 * Presses Tab from the top of the page until each selector in `targets` had the focus (at most
 * `limit` presses), checking that every focused control shows a focus indicator (an outline or
 * a box shadow while it matches :focus-visible). Returns what was reached.
 */
export async function TabThrough(page, targets, limit = 40) {
  await page.evaluate(() => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    window.scrollTo(0, 0);
  });
  // Focus starts before the first element of the document.
  await page.locator("body").focus().catch(() => {});
  const remaining = new Map(targets.map((t) => [t.selector, t.label]));
  const invisible = [];
  for (let press = 0; press < limit && remaining.size > 0; press++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate((selectors) => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow && style.boxShadow !== "none";
      const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || el.id || "").trim().slice(0, 40);
      return {
        what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${text}"`,
        visible: el.matches(":focus-visible") && (outline || shadow),
        matches: selectors.filter((s) => el.matches(s)),
      };
    }, [...remaining.keys()]);
    if (!focused) continue;
    if (!focused.visible) invisible.push(focused.what);
    for (const selector of focused.matches) {
      Log(`    Tab ${press + 1}: ${remaining.get(selector)} (${focused.what}), focus ${focused.visible ? "visible" : "NOT visible"}`);
      remaining.delete(selector);
    }
  }
  const problems = [];
  if (remaining.size > 0) problems.push(`Tab did not reach ${[...remaining.values()].join(", ")} within ${limit} presses`);
  if (invisible.length > 0) problems.push(`no visible focus on ${invisible.join(", ")}`);
  return problems;
}
