// The conversation pack in Chromium: reached from the organisation page, printed to A4 PDF in at
// most two pages, nothing wider than the page, chart text kept as text, and a provider's pack
// without the commissioners' own conversations.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, PROVIDER, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer,
} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

// A4 is 210 mm wide; less the pack's 12 mm margins, 186 mm of content: 703 CSS pixels.
const A4_CONTENT_PX = Math.floor((186 / 25.4) * 96);

/** Pages in a PDF: its "/Type /Page" objects (not the "/Type /Pages" tree). */
function pdfPages(buf) {
  return (buf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
}

describe('conversation pack', { timeout: 180000 }, () => {
  test('from the organisation page to two A4 pages of real text', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    await page.goto(`${server.url}/org.html?code=RNV`);
    await ready(page);
    const button = page.getByRole('link', { name: 'Conversation pack' });
    assert.equal(await button.getAttribute('href'), '/api/v1/organisations/RNV/pack');
    assert.equal(await button.getAttribute('target'), '_blank');

    // The pack as the button opens it, dated so that the demo's December action is overdue.
    const response = await page.goto(`${server.url}/api/v1/organisations/RNV/pack?today=2026-12-20`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'], /^text\/html/);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
    assert.equal(await page.title(), 'Conversation pack: Northvale Hospitals NHS Foundation Trust');
    assert.deepEqual(page.external, [], 'the pack fetched nothing');
    assert.deepEqual(page.errors, [], 'no errors (and no styles refused by the policy)');
    // The stylesheet applied: the charts sit two to a row.
    const columns = await page.locator('.charts').evaluate((e) => getComputedStyle(e).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 2);

    // Nothing wider than the page: the body and every chart container.
    const overflow = await page.evaluate(() => [document.documentElement, document.body, ...document.querySelectorAll('.chart, .charts, section')]
      .filter((e) => e.scrollWidth > e.clientWidth)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`));
    assert.deepEqual(overflow, []);
    const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('svg')].map((s) => s.getBoundingClientRect().right)));
    assert.ok(widest <= A4_CONTENT_PX, `a chart reaches ${widest}px`);

    // Chart text is text: <text> in every chart, and the titles are in the page's text.
    const charts = await page.locator('figure.chart svg').evaluateAll((svgs) => svgs.map((s) => ({
      title: s.querySelector('title').textContent,
      texts: s.querySelectorAll('text').length,
      drawn: [...s.querySelectorAll('text.title, g.title text')].map((t) => t.textContent).join(' '),
    })));
    assert.equal(charts.length, 5, 'four SPC charts and a funnel');
    const inner = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
    for (const c of charts) {
      assert.ok(c.texts >= 5, `${c.title}: ${c.texts} text elements`);
      assert.ok(c.drawn.length > 10, `${c.title}: no title drawn as text`);
      assert.equal(c.drawn.replace(/\u2026$/, ''), c.title.slice(0, c.drawn.length), 'the drawn title is the chart title');
      assert.ok(inner.includes(c.drawn), `innerText lacks the chart title "${c.drawn}"`);
    }
    assert.ok(inner.includes('Outpatient appointments not attended'));
    assert.ok(inner.includes('overdue: due 12 December 2026'));
    assert.ok(inner.includes('Questions to start with'));
    await screenshot(page, 'pack');

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = pdfPages(pdf);
    assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 594\.9\d* 841\.9\d*\]/, 'A4');
    assert.match(pdf.toString('latin1'), /\/FontFile2/, 'text is set in embedded fonts, not drawn as outlines');
    await page.context().close();
  });

  test("a provider's pack leaves out the commissioners' own conversations", async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, PROVIDER);
    await page.goto(`${server.url}/api/v1/organisations/RNC/pack?today=2026-12-02`);
    const inner = await page.locator('body').innerText();
    assert.ok(inner.includes('End of life care: dying where people choose'));
    assert.ok(!inner.includes('referral criteria'), 'a commissioners-only conversation');
    assert.ok(!inner.includes('Fellside Memorial: space nobody uses'), 'not shared with this provider');
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdfPages(pdf) <= 2);
    await page.context().close();
  });

  // Last: it adds to the server's database.
  test('the longest conversations the log takes still fit two pages', async () => {
    const long = (n) => 'Much to say about waiting times and follow-ups. '.repeat(Math.ceil(n / 48)).slice(0, n);
    const unbroken = 'x'.repeat(3000);
    for (let day = 1; day <= 3; day++) {
      const file = join(server.dir, `long${day}.json`);
      writeFileSync(file, JSON.stringify({
        held_on: `2026-12-0${day}`,
        title: `A${'a'.repeat(150)} long title ${day}`,
        organisations: ['RNV'],
        what_matters: long(20000),
        concerns: unbroken,
        agreements: long(20000),
        actions: Array.from({ length: 10 }, (_, i) => ({ description: long(1990) + i, owner: 'p-0001', due: '2026-12-04' })),
      }));
      execFileSync(server.bin, ['conversation', 'add', '--file', file, '--db', server.db], { env: { ...process.env, UNLOCK_PWHASH_FAST: '1' } });
    }
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await page.goto(`${server.url}/api/v1/organisations/RNV/pack?today=2026-12-20`);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_CONTENT_PX, height: 1000 });
    const inner = await page.locator('body').innerText();
    assert.ok(inner.includes('and 8 more (in the log)'), 'two actions each, the rest counted');
    const overflow = await page.evaluate(() => [document.documentElement, document.body, ...document.querySelectorAll('.chart, .charts, section')]
      .filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.tagName));
    assert.deepEqual(overflow, [], 'an unbroken word wraps rather than widening the page');
    const pages = pdfPages(await page.pdf({ format: 'A4', preferCSSPageSize: true }));
    assert.ok(pages <= 2, `${pages} pages`);
    await page.context().close();
  });
});
