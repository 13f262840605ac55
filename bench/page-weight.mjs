#!/usr/bin/env node
// Page weight: what a first visit downloads, as the server sends it (brotli).
//
//   node bench/page-weight.mjs                # starts target/release/gongkai on a demo database
//   node bench/page-weight.mjs http://host:port
//
// For `/` and an article page it prints the compressed bytes of the HTML, and of
// the CSS, JS and WASM the page loads, against the budget for public pages:
// JS + WASM <= 150 KB brotli, HTML <= 14 KB brotli.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const KB = 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br', accept: 'text/html,*/*' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode, encoding: res.headers['content-encoding'] ?? 'identity', body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

async function text(url) {
  // A second request, uncompressed, to read the HTML.
  const res = await fetch(url);
  return res.text();
}

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  const port = 3990;
  const child = spawn(join(root, 'target/release/gongkai'), [], {
    env: {
      ...process.env,
      DATABASE_URL: `sqlite://${dir}/bench.db`,
      GONGKAI_DEMO: '1',
      LEPTOS_SITE_ROOT: join(root, 'target/site'),
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      RUST_LOG: 'warn',
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child };
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the server did not start; build it first: cargo leptos build --release --precompress');
}

function assets(html) {
  const found = { css: new Set(), js: new Set(), wasm: new Set() };
  for (const [, , tag] of Array.from(html.matchAll(/<(link|script)\b([^>]*)>/g))) {
    const href = /\b(?:href|src)="([^"]+)"/.exec(tag)?.[1];
    if (!href) continue;
    if (/rel="stylesheet"/.test(tag)) found.css.add(href);
    else if (href.endsWith('.wasm')) found.wasm.add(href);
    else if (href.endsWith('.js')) found.js.add(href);
  }
  return found;
}

const kb = (n) => (n / KB).toFixed(1);

async function measure(base, path) {
  const page = await get(base + path);
  const html = await text(base + path);
  const found = assets(html);
  const sizes = { html: page.body.length, css: 0, js: 0, wasm: 0 };
  const encodings = new Set([page.encoding]);
  for (const kind of ['css', 'js', 'wasm']) {
    for (const href of found[kind]) {
      const res = await get(new URL(href, base).toString());
      if (res.status !== 200) throw new Error(`${href}: ${res.status}`);
      sizes[kind] += res.body.length;
      encodings.add(res.encoding);
    }
  }
  return { path, sizes, encodings: [...encodings].join(',') };
}

const arg = process.argv[2];
const server = arg ? { base: arg.replace(/\/$/, ''), child: null } : await startServer();
try {
  const home = await text(server.base + '/');
  const article = /href="(\/articles\/\d+)"/.exec(home)?.[1];
  if (!article) throw new Error('no article link on the home page');
  const rows = [await measure(server.base, '/'), await measure(server.base, article)];
  console.log('page weight, first visit, as sent (KB = 1024 bytes)');
  console.log('page                 HTML    CSS     JS      WASM    JS+WASM  encoding   budget');
  for (const { path, sizes, encodings } of rows) {
    const code = sizes.js + sizes.wasm;
    const ok = code <= 150 * KB && sizes.html <= 14 * KB;
    console.log(
      `${path.padEnd(20)} ${kb(sizes.html).padStart(5)}  ${kb(sizes.css).padStart(5)}  ${kb(sizes.js).padStart(5)}  ${kb(
        sizes.wasm,
      ).padStart(6)}  ${kb(code).padStart(7)}  ${encodings.padEnd(9)}  ${ok ? 'within' : 'OVER'}`,
    );
  }
} finally {
  server.child?.kill();
}
