import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// Three HTML entry points, served by the C++ server from web/dist:
//   /signin, /reset, /account/*  -> signin.html
//   /portal/*                    -> portal.html
//   /console/*                   -> console.html
// Content-Security-Policy is strict (script-src 'self', style-src 'self'), so nothing may be
// inlined: no data: assets, no module-preload polyfill (an inline script), no source maps.
export default defineConfig({
  base: '/',
  plugins: [preact({ prerender: { enabled: false }, devtoolsInProd: false, reactAliasesEnabled: false })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    modulePreload: { polyfill: false },
    cssCodeSplit: true,
    target: 'es2020',
    rollupOptions: {
      input: {
        signin: resolve(root, 'signin.html'),
        portal: resolve(root, 'portal.html'),
        console: resolve(root, 'console.html'),
      },
      output: {
        // The runtime every page loads gets a name that says what it is.
        manualChunks(id) {
          if (/[\\/]node_modules[\\/](preact|@preact)[\\/]/.test(id)) return 'preact';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.mjs', 'scripts/**/*.test.ts'],
  },
});
