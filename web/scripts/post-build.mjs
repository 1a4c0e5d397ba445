#!/usr/bin/env node
// After `vite build`: write a .gz sibling (zlib level 9) of every .js/.css/.svg/.html in dist (the
// server sends it to clients that accept gzip), then check the bundle budgets from the manifest.
// Exits non-zero when a budget is exceeded.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';
import { checkBudgets, formatTable } from './budget.mjs';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const COMPRESS = /\.(js|css|svg|html)$/;

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

const gzipSizes = new Map();
let written = 0;
for (const file of walk(dist)) {
  if (!COMPRESS.test(file)) continue;
  const gz = gzipSync(readFileSync(file), { level: constants.Z_BEST_COMPRESSION });
  writeFileSync(`${file}.gz`, gz);
  gzipSizes.set(relative(dist, file).split('\\').join('/'), gz.length);
  written += 1;
}
console.log(`post-build: wrote ${written} .gz files`);

const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
const size = (file) => {
  const known = gzipSizes.get(file);
  if (known === undefined) throw new Error(`no gzipped size for ${file}`);
  return known;
};
const rows = checkBudgets(manifest, size);
console.log(formatTable(rows));
const over = rows.filter((r) => !r.ok);
if (over.length > 0) {
  console.error(`post-build: over budget: ${over.map((r) => r.entry).join(', ')}`);
  process.exit(1);
}
