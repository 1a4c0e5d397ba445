// Marks the moment a page's main content is on screen, for bench/web_paint.mjs (the console's
// first meaningful paint and time to open a ticket, measured in Chromium). The mark is set in the
// frame after the one that rendered the content, so it counts layout and paint too.
export function markPainted(name: 'td:queue-ready' | 'td:ticket-ready'): void {
  if (typeof requestAnimationFrame !== 'function' || typeof performance === 'undefined') return;
  requestAnimationFrame(() => requestAnimationFrame(() => performance.mark(name)));
}
