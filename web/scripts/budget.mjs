// Bundle budgets from Vite's manifest (dist/.vite/manifest.json): the gzipped JavaScript a page
// loads is its entry chunk plus every chunk it imports, statically or dynamically, transitively.

/** Budgets in bytes of gzipped JavaScript per HTML entry; null: reported, not enforced. */
export const BUDGETS = {
  'signin.html': null,
  'portal.html': 100 * 1024,
  'console.html': 250 * 1024,
};

/**
 * The JavaScript (and CSS) files a manifest entry loads.
 * @param {Record<string, {file: string, imports?: string[], dynamicImports?: string[], css?: string[]}>} manifest
 * @param {string} entry a manifest key such as "portal.html"
 * @returns {{js: string[], css: string[]}}
 */
export function filesOfEntry(manifest, entry) {
  const seen = new Set();
  const js = new Set();
  const css = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
    for (const i of chunk.dynamicImports ?? []) visit(i);
  };
  visit(entry);
  return { js: [...js].sort(), css: [...css].sort() };
}

/**
 * Sizes per entry and whether each is within its budget.
 * @param {Record<string, any>} manifest
 * @param {(file: string) => number} gzipSize gzipped size of a dist-relative file
 * @param {Record<string, number|null>} budgets
 */
export function checkBudgets(manifest, gzipSize, budgets = BUDGETS) {
  return Object.entries(budgets).map(([entry, budget]) => {
    if (!manifest[entry]) return { entry, budget, js: 0, css: 0, files: 0, ok: budget === null, missing: true };
    const { js, css } = filesOfEntry(manifest, entry);
    const jsBytes = js.reduce((sum, f) => sum + gzipSize(f), 0);
    const cssBytes = css.reduce((sum, f) => sum + gzipSize(f), 0);
    return { entry, budget, js: jsBytes, css: cssBytes, files: js.length, ok: budget === null || jsBytes <= budget, missing: false };
  });
}

export function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function formatTable(rows) {
  const header = ['entry', 'js files', 'js gzip', 'budget', 'css gzip', 'result'];
  const lines = rows.map((r) => [
    r.entry,
    String(r.files),
    kb(r.js),
    r.budget === null ? '-' : kb(r.budget),
    kb(r.css),
    r.missing ? (r.ok ? 'absent' : 'MISSING') : r.ok ? 'ok' : 'OVER BUDGET',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}
