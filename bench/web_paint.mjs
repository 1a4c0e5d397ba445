// The console's speed as a person sees it, measured in Chromium against a running tierdesk:
//   node bench/web_paint.mjs BASE_URL RUNS
// Signs in as the demo agent, then RUNS times: opens /console in a fresh page and reads when the
// default queue's rows were on screen (the console marks `td:queue-ready` in the frame after it
// rendered them), then opens the queue's first ticket by clicking it and reads when the ticket
// was on screen (`td:ticket-ready`), from the click as the page received it. The first run has a cold browser cache, the rest a warm one.
// Prints one line per run and a summary line: queue_ms and ticket_ms, median and worst of the warm runs.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/browser/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [base, runsText] = process.argv.slice(2);
const runs = Number(runsText ?? 10);
if (!base || !(runs > 0)) {
  console.error('usage: node bench/web_paint.mjs BASE_URL RUNS');
  process.exit(2);
}

const waitForMark = (page, name, after) =>
  page.waitForFunction(
    ([mark, since]) => {
      const entries = performance.getEntriesByName(mark).filter((e) => e.startTime >= since);
      return entries.length ? entries[0].startTime : null;
    },
    [name, after],
    { timeout: 30000, polling: 'raf' },
  );

const browser = await chromium.launch({
  executablePath: process.env.TD_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  const login = await context.request.post(`${base}/api/v1/auth/login`, {
    data: { email: 'agent@hanbit-cloud.example', password: 'tierdesk-demo-2026', session: 'cookie' },
  });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()} ${await login.text()}`);
  const queue = [];
  const ticket = [];
  for (let run = 0; run < runs; run += 1) {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}/console`, { waitUntil: 'commit' });
    const queueMs = await (await waitForMark(page, 'td:queue-ready', 0)).jsonValue();
    const first = page.locator('main table tbody tr a').first();
    // From the click as the page receives it (not from when the test asked for it: the driver's
    // own checks before it clicks are not the console's time).
    const before = await page.evaluate(() => {
      window.addEventListener('click', () => { window.tdClickAt = performance.now(); }, { capture: true, once: true });
      return performance.now();
    });
    await first.click();
    const readyAt = await (await waitForMark(page, 'td:ticket-ready', before)).jsonValue();
    const ticketMs = readyAt - (await page.evaluate(() => window.tdClickAt));
    if (errors.length) throw new Error(`browser errors: ${errors.join(' | ')}`);
    console.log(`run ${run + 1} ${run === 0 ? 'cold' : 'warm'} queue_ms ${queueMs.toFixed(0)} ticket_ms ${ticketMs.toFixed(0)}`);
    queue.push(queueMs);
    ticket.push(ticketMs);
    await page.close();
  }
  const warm = (values) => (values.length > 1 ? values.slice(1) : values).slice().sort((a, b) => a - b);
  const median = (sorted) => sorted[Math.floor((sorted.length - 1) / 2)];
  const q = warm(queue);
  const t = warm(ticket);
  console.log(
    `summary cold_queue_ms ${queue[0].toFixed(0)} cold_ticket_ms ${ticket[0].toFixed(0)} ` +
      `queue_ms_median ${median(q).toFixed(0)} queue_ms_max ${q[q.length - 1].toFixed(0)} ` +
      `ticket_ms_median ${median(t).toFixed(0)} ticket_ms_max ${t[t.length - 1].toFixed(0)}`,
  );
} finally {
  await browser.close();
}
