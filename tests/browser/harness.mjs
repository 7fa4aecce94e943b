// Shared by the browser tests: a real `unlock serve` on a free loopback port over a fresh demo
// database, and Debian's Chromium driven by playwright-core (no browser is ever downloaded).
//
// The binary is $UNLOCK_BIN, else build/unlock (`make build/unlock`). Screenshots go to
// build/screenshots/.

import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.UNLOCK_BIN ? resolve(process.env.UNLOCK_BIN) : join(ROOT, 'build', 'unlock');
export const CHROMIUM = process.env.UNLOCK_CHROMIUM || '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'build', 'screenshots');

export const ADMIN = { email: 'admin@example.nhs.uk', password: 'admin-test-password-1', role: 'admin' };
export const COMMISSIONER = { email: 'commissioner@example.nhs.uk', password: 'commissioner-test-password-2', role: 'commissioner' };
export const PROVIDER = { email: 'provider@example.nhs.uk', password: 'provider-test-password-3', role: 'provider', org: 'RNV' };

const ENV = { ...process.env, UNLOCK_PWHASH_FAST: '1' };
// A sanitized binary (make test) starts and answers more slowly.
const START_TIMEOUT_MS = 30000;

// With UNLOCK_TEST_PG (the socket directory of the private PostgreSQL server that
// scripts/with-test-postgres starts), each server gets a fresh PostgreSQL database instead of a
// SQLite file: a copy of a demo template built once per unlock binary, with the template's
// prescribing month files copied beside it. The month files of every database live under
// $UNLOCK_TEST_PG/rx, removed with the server.
const PG = process.env.UNLOCK_TEST_PG || '';
if (PG) ENV.UNLOCK_RX_STORE = process.env.UNLOCK_RX_STORE = join(PG, 'rx');
const pgUrl = (name) => `postgres:///${name}?host=${PG}&user=postgres`;

function psql(sql) {
  execFileSync('psql', ['-h', PG, '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qc', sql], { stdio: 'pipe' });
}

let clones = 0;
function pgDemoDatabase() {
  const st = statSync(BIN);
  const template = `unlock_bdemo_${st.ino}_${Math.floor(st.mtimeMs)}`;
  const marker = join(PG, `${template}.done`);
  if (!existsSync(marker)) {
    // node --test runs the files one at a time (--test-concurrency=1), so no lock is needed.
    psql(`DROP DATABASE IF EXISTS ${template}`);
    psql(`CREATE DATABASE ${template}`);
    run(['demo', '--db', pgUrl(template)]);
    for (const u of DEFAULT_USERS) addUser(u, pgUrl(template));
    writeFileSync(marker, 'built\n');
  }
  const name = `unlock_b_${process.pid}_${++clones}`;
  psql(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const months = join(PG, 'rx', `${template}.rx`);
  if (existsSync(months)) cpSync(months, join(PG, 'rx', `${name}.rx`), { recursive: true });
  return { url: pgUrl(name), drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const DEFAULT_USERS = [ADMIN, COMMISSIONER, PROVIDER];

function addUser(u, db) {
  run(['user', 'add', u.email, '--role', u.role, ...(u.org ? ['--org', u.org] : []), '--db', db], `${u.password}\n`);
}

function run(args, input) {
  try {
    return execFileSync(BIN, args, { env: ENV, cwd: ROOT, input, stdio: ['pipe', 'pipe', 'pipe'], timeout: 60000 }).toString();
  } catch (e) {
    throw new Error(`${BIN} ${args.join(' ')} failed (status ${e.status}): ${e.stderr || e.message}`);
  }
}

/**
 * Starts a server over a fresh database holding the demo health system and the given accounts.
 * Returns {url, db, dir, log(), stop()}. url ends without a slash: `${url}/index.html`.
 */
export async function startServer(users = DEFAULT_USERS) {
  assert.ok(existsSync(BIN), `no unlock binary at ${BIN}: run \`make build/unlock\` or set UNLOCK_BIN`);
  const dir = mkdtempSync(join(tmpdir(), 'unlock-browser-'));
  // On PostgreSQL the template holds the usual three accounts (more are added; the public
  // pages, asked anonymously, do not mind the three being there).
  const pg = PG ? pgDemoDatabase() : null;
  const db = pg ? pg.url : join(dir, 'unlock.db');
  let child = null;
  let stderr = '';
  let stdout = '';
  // Stops the server with SIGTERM (SIGKILL after 10 s) and removes the temporary directory.
  // Returns how it ended, {code, signal}: a clean shutdown is code 0.
  const stop = async () => {
    let exit = null;
    if (child) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
        exit = await exited;
        clearTimeout(timer);
      } else {
        exit = { code: child.exitCode, signal: child.signalCode };
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (pg) pg.drop();
    return exit;
  };
  try {
    if (!pg) run(['demo', '--db', db]);
    for (const u of users) if (!pg || !DEFAULT_USERS.includes(u)) addUser(u, db);
    child = spawn(BIN, ['serve', '--port', '0', '--db', db, '--web', join(ROOT, 'web')], {
      cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-20000); });
    const url = await new Promise((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`unlock serve did not say it was serving within ${START_TIMEOUT_MS} ms; stderr:\n${stderr}`)), START_TIMEOUT_MS);
      child.stdout.on('data', (d) => {
        stdout += d;
        const m = /unlock: serving (http:\/\/127\.0\.0\.1:(\d+))\/?/.exec(stdout);
        if (m) {
          clearTimeout(timer);
          res(m[1]);
        }
      });
      child.once('exit', (code, sig) => {
        clearTimeout(timer);
        rej(new Error(`unlock serve exited (${code ?? sig}) before serving; stdout:\n${stdout}\nstderr:\n${stderr}`));
      });
    });
    return { url, db, dir, stop, log: () => stderr, bin: BIN };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Debian's Chromium, headless, without its background network chatter. */
export function launchBrowser() {
  assert.ok(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM}: run scripts/install-deps`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * A page in a fresh context (its own cookies). It records every request that leaves the server
 * (`page.external`) and every uncaught script error (`page.errors`), for checkPage().
 */
export async function newPage(browser, server, { mobile = false } = {}) {
  const context = await browser.newContext({
    viewport: mobile ? { width: 390, height: 844 } : { width: 1366, height: 768 },
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.errors = [];
  // Requests for anything not on our server. nhsuk-frontend's CSS declares its Frutiger web
  // font on assets.nhs.uk (the pages never use it: app.css sets Arial); under the server's
  // Content-Security-Policy Chromium reports a request for each @font-face source and blocks it
  // before anything leaves the browser (failure "csp"). Those are not counted; any other
  // request elsewhere is.
  const external = new Map();
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(`${server.url}/`) && !u.startsWith('data:') && !u.startsWith('blob:')) external.set(r, u);
  });
  page.on('requestfailed', (r) => {
    if (external.has(r) && /csp/i.test(r.failure()?.errorText || '')) external.delete(r);
  });
  Object.defineProperty(page, 'external', { get: () => [...external.values()] });
  page.on('pageerror', (e) => page.errors.push(`${e.name}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const t = m.text();
    // A 401 from GET /api/v1/session is how a page learns that nobody is signed in.
    if (/Failed to load resource/.test(t)) return;
    // The blocked font requests above, as the console reports them.
    if (/^Loading the font 'https:\/\/assets\.nhs\.uk\/fonts\/[^']+' violates the following Content Security Policy directive/.test(t)) return;
    page.errors.push(`console: ${t}`);
  });
  return page;
}

/** Waits until the page's script has drawn everything (it sets body[data-ready]). */
export async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
}

export async function signIn(page, server, user, next = '') {
  await page.goto(`${server.url}/login.html${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Email address').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.endsWith('/login.html'), { timeout: 15000 }),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

export async function screenshot(page, name, fullPage = true) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** The rows of a table, each as its cells' text: in a responsive table, the value without the
 *  heading that a phone shows beside it. */
export async function tableRows(locator) {
  return locator.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => {
    const cell = c.querySelector('.app-cell') || c;
    return cell.innerText.replace(/\s+/g, ' ').trim();
  })));
}

/** The text of an element, with whitespace collapsed. */
export async function text(locator) {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/**
 * Checks that hold on every page: nothing fetched from outside the server, no script errors,
 * one h1 and no skipped heading levels, every image with alt text, every form field with a
 * label, every link and button with a name, and no sideways scrolling of the page as a whole.
 */
export async function checkPage(page, what) {
  assert.deepEqual(page.external, [], `${what}: requests left the server`);
  assert.deepEqual(page.errors, [], `${what}: script errors`);
  const report = await page.evaluate(() => {
    const problems = [];
    const shown = (e) => e.checkVisibility() && e.getClientRects().length > 0;
    const h1s = [...document.querySelectorAll('h1')].filter(shown);
    if (h1s.length !== 1) problems.push(`${h1s.length} visible h1 elements`);
    // Headings go down one level at a time (h2 after h1, h3 after h2, ...).
    let level = 1;
    for (const hd of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
      const l = Number(hd.tagName[1]);
      if (l > level + 1) problems.push(`h${l} after h${level}: ${hd.textContent.trim().slice(0, 60)}`);
      level = l;
    }
    for (const img of document.querySelectorAll('img')) {
      if (!img.hasAttribute('alt') || (img.getAttribute('alt').trim() === '' && img.getAttribute('role') !== 'presentation')) {
        problems.push(`img without alt text: ${img.getAttribute('src')}`);
      }
    }
    for (const f of document.querySelectorAll('input, select, textarea')) {
      if (f.type === 'hidden') continue;
      const labelled = (f.id && document.querySelector(`label[for="${CSS.escape(f.id)}"]`))
        || f.closest('label') || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby');
      if (!labelled) problems.push(`form field without a label: ${f.outerHTML.slice(0, 80)}`);
    }
    for (const b of document.querySelectorAll('button, a[href]')) {
      if (!shown(b) || b.closest('[aria-hidden="true"]')) continue;
      const name = (b.innerText || b.getAttribute('aria-label') || b.getAttribute('title')
        || [...b.querySelectorAll('img[alt]')].map((i) => i.alt).join(' ') || '').trim();
      if (!name) problems.push(`${b.tagName.toLowerCase()} without a name: ${b.outerHTML.slice(0, 80)}`);
    }
    if (!document.documentElement.lang) problems.push('html without lang');
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    if (overflow > 1) problems.push(`page scrolls sideways by ${overflow}px`);
    return problems;
  });
  assert.deepEqual(report, [], `${what}: accessibility problems`);
}

/** Waits for an <img> to load and returns its natural width (0 when it failed). */
/** Stops the server and checks that it shut down cleanly on SIGTERM. */
export async function stopServer(server) {
  if (!server) return;
  const log = server.log();
  const exit = await server.stop();
  assert.deepEqual(exit, { code: 0, signal: null }, `unlock serve did not exit cleanly on SIGTERM; its stderr ends:\n${log.slice(-3000)}`);
}

export async function imageWidth(locator) {
  await locator.scrollIntoViewIfNeeded();
  return locator.evaluate((img) => new Promise((res) => {
    if (img.complete) {
      res(img.naturalWidth);
      return;
    }
    img.addEventListener('load', () => res(img.naturalWidth), { once: true });
    img.addEventListener('error', () => res(0), { once: true });
  }));
}
