// The public transparency site: published with `unlock publish` and opened from file://, and
// served under /public/ to someone not signed in. Every page passes axe-core's WCAG 2.1 A and
// AA rules, sets its language, and gives every chart a text alternative.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ROOT, checkPage, launchBrowser, newPage, startServer, stopServer } from './harness.mjs';

const PAGES = ['index.html', 'programmes/EOL-2027.html', 'providers/RNV.html', 'providers/NNV01.html',
  'opportunities.html', 'data.html'];
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

let server;
let browser;
let site;

before(async () => {
  server = await startServer([]);
  site = join(server.dir, 'site');
  execFileSync(BIN, ['publish', '--out', site, '--db', server.db], { stdio: 'pipe' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

async function accessible(page, what) {
  const scripts = await page.locator('script').count();
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], `${what}: WCAG 2.1 AA violations`);
  const report = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    charts: [...document.querySelectorAll('svg, img')].map((c) => {
      const title = c.querySelector?.('title')?.textContent || c.getAttribute('alt') || '';
      const caption = c.closest('figure')?.querySelector('figcaption')?.textContent || '';
      return { title, caption };
    }),
  }));
  assert.equal(report.lang, 'en-GB', `${what}: html lang`);
  for (const c of report.charts) {
    assert.ok(c.title.trim(), `${what}: a chart without a title`);
    assert.match(c.caption, /chart shows/, `${what}: a chart without a sentence saying what it shows`);
  }
  return { ...report, scripts };
}

test('the published site opened from file:// is accessible and needs no script', async () => {
  const page = await newPage(browser, server);
  for (const p of PAGES) {
    await page.goto(pathToFileURL(join(site, p)).href);
    const report = await accessible(page, `file:// ${p}`);
    assert.equal(report.scripts, 0, `${p}: no JavaScript`);
    if (p.startsWith('programmes/')) assert.equal(report.charts.length, 4, 'three goals and the emotional map');
  }
  // The relative links work from file://: the index reaches the programme.
  await page.goto(pathToFileURL(join(site, 'index.html')).href);
  await page.getByRole('link', { name: 'Living and dying well in Northvale' }).click();
  assert.match(await page.locator('h1').innerText(), /Living and dying well/);
  await page.context().close();
});

test('the same pages under /public/ need no sign-in and are accessible', async () => {
  const page = await newPage(browser, server);
  // axe is injected as an inline script, which the server's Content-Security-Policy forbids.
  const axeContext = await browser.newContext({ bypassCSP: true });
  const axePage = await axeContext.newPage();
  for (const p of PAGES) {
    const resp = await page.goto(`${server.url}/public/${p}`);
    assert.equal(resp.status(), 200, p);
    await checkPage(page, `/public/${p}`);
    await axePage.goto(`${server.url}/public/${p}`);
    await accessible(axePage, `/public/${p}`);
  }
  await axeContext.close();
  const scorecard = await page.goto(`${server.url}/public/providers/RNV.html`);
  assert.equal(scorecard.status(), 200);
  const widths = await page.locator('.columns > section').evaluateAll((s) => s.map((e) => Math.round(e.getBoundingClientRect().width)));
  assert.equal(widths.length, 3, 'safety, effectiveness, experience');
  assert.ok(Math.max(...widths) - Math.min(...widths) <= 1, `equal columns: ${widths}`);
  await page.context().close();
});
