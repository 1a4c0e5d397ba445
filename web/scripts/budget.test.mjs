import { describe, expect, it } from 'vitest';
import { checkBudgets, filesOfEntry, formatTable } from './budget.mjs';

const manifest = {
  'portal.html': { file: 'assets/portal-a.js', isEntry: true, imports: ['_preact-b.js'], dynamicImports: ['src/portal/lazy.tsx'], css: ['assets/portal-a.css'] },
  '_preact-b.js': { file: 'assets/preact-b.js' },
  'src/portal/lazy.tsx': { file: 'assets/lazy-c.js', imports: ['_preact-b.js', '_deep-d.js'], isDynamicEntry: true },
  '_deep-d.js': { file: 'assets/deep-d.js', css: ['assets/deep-d.css'] },
  'console.html': { file: 'assets/console-e.js', isEntry: true, imports: ['_preact-b.js'] },
  'signin.html': { file: 'assets/signin-f.js', isEntry: true, imports: ['_preact-b.js'] },
};
const sizes = {
  'assets/portal-a.js': 10_000,
  'assets/preact-b.js': 5_000,
  'assets/lazy-c.js': 20_000,
  'assets/deep-d.js': 1_000,
  'assets/console-e.js': 300_000,
  'assets/signin-f.js': 2_000,
  'assets/portal-a.css': 3_000,
  'assets/deep-d.css': 500,
};

describe('bundle budgets', () => {
  it('follows static and dynamic imports transitively, each file once', () => {
    expect(filesOfEntry(manifest, 'portal.html')).toEqual({
      js: ['assets/deep-d.js', 'assets/lazy-c.js', 'assets/portal-a.js', 'assets/preact-b.js'],
      css: ['assets/deep-d.css', 'assets/portal-a.css'],
    });
  });

  it('sums gzipped sizes and flags what is over budget', () => {
    const rows = checkBudgets(manifest, (f) => sizes[f], { 'portal.html': 100 * 1024, 'console.html': 250 * 1024, 'signin.html': null });
    expect(rows).toEqual([
      { entry: 'portal.html', budget: 102400, js: 36_000, css: 3_500, files: 4, ok: true, missing: false },
      { entry: 'console.html', budget: 256000, js: 305_000, css: 0, files: 2, ok: false, missing: false },
      { entry: 'signin.html', budget: null, js: 7_000, css: 0, files: 2, ok: true, missing: false },
    ]);
    expect(formatTable(rows)).toContain('OVER BUDGET');
  });

  it('a budgeted entry absent from the manifest fails', () => {
    const rows = checkBudgets({}, () => 0, { 'portal.html': 1 });
    expect(rows[0]).toMatchObject({ ok: false, missing: true });
  });
});
