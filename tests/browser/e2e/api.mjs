// The API as one person sees it: requests go out with the browser context's cookies (the same
// session the pages use), unsafe ones with the X-CSRF-Token the tierdesk_csrf cookie holds.
// Used to set up what the scenario needs and to compare what a page shows with what the API says.
import { Failure } from "./harness.mjs";

export class ApiSession {
  constructor(context, base) {
    this.context = context;
    this.request = context.request;
    this.base = base;
  }

  /** Signs in without the UI (for people the scenario does not watch sign in). */
  async SignIn(email, password) {
    const response = await this.request.post(`${this.base}/api/v1/auth/login`, {
      data: { email, password, session: "cookie" },
    });
    if (response.status() !== 200) throw new Failure(`signing ${email} in through the API answered ${response.status()}: ${await response.text()}`);
    return (await response.json()).user;
  }

  async Csrf() {
    const cookies = await this.context.cookies(this.base);
    return cookies.find((c) => c.name === "tierdesk_csrf")?.value ?? "";
  }

  /** GET /api/v1{path}: the JSON, or a Failure naming the status. */
  async Get(path) {
    const response = await this.request.get(`${this.base}/api/v1${path}`);
    if (!response.ok()) throw new Failure(`GET /api/v1${path} answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
    return response.json();
  }

  /** The status of GET /api/v1{path} (for checks that expect a refusal). */
  async Status(path) {
    return (await this.request.get(`${this.base}/api/v1${path}`)).status();
  }

  /** Every item of a paged list. */
  async All(path) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < 50; page++) {
      const joiner = path.includes("?") ? "&" : "?";
      const answer = await this.Get(`${path}${joiner}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      items.push(...answer.items);
      cursor = answer.next_cursor;
      if (!cursor) break;
    }
    return items;
  }

  /** An unsafe request with the CSRF token: the JSON answer, or a Failure naming the status. */
  async Send(method, path, body) {
    const headers = { "X-CSRF-Token": await this.Csrf() };
    const response = await this.request.fetch(`${this.base}/api/v1${path}`, { method, headers, data: body });
    if (!response.ok()) {
      throw new Failure(`${method} /api/v1${path} answered ${response.status()}: ${(await response.text()).slice(0, 400)}`);
    }
    return response.status() === 204 ? undefined : response.json();
  }

  /** An HTML page of the server (the printable statement) as text. */
  async Page(path) {
    const response = await this.request.get(`${this.base}${path}`);
    if (!response.ok()) throw new Failure(`GET ${path} answered ${response.status()}`);
    return response.text();
  }
}
