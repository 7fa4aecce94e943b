// Contract reviews on the demo system (docs/contract-review.md): a commissioner finds the
// reviews in the navigation and opens the acute contract's November review, whose quality
// domains come first with the provider's indicators, their funnel positions and comparisons,
// and the services' money after them; a provider sees only its own organisation's reviews.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, PROVIDER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, tableRows, text,
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

describe('contract reviews', { timeout: 180000 }, () => {
  test('a commissioner reads a review with quality first and money beside it', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Contract reviews' }).click();
    await ready(page);
    const rows = await tableRows(page.locator('#review-list'));
    assert.deepEqual(rows.map((r) => [r[0], r[1]]),
      [['2026-11-19', 'C-2025-ACU'], ['2026-09-24', 'C-2024-MH'], ['2026-08-20', 'C-2025-ACU']]);
    assert.equal(rows[0][3], '5 (2 clinicians)');
    await checkPage(page, 'review list');

    await page.getByRole('link', { name: '2026-11-19' }).click();
    await ready(page);
    assert.equal(await text(page.locator('h1')), 'C-2025-ACU – Contract review: Northvale Hospitals NHS Foundation Trust');
    const attendees = await tableRows(page.locator('#attendees'));
    assert.ok(attendees.some((r) => r[0] === 'Dr Imran Siddiqui' && r[2] === 'Acute medicine'), JSON.stringify(attendees));
    const actions = await tableRows(page.locator('#actions'));
    assert.equal(actions[0][2], '2026-11-30 (overdue)');
    const domains = await page.locator('.app-review-domain h2').allInnerTexts();
    assert.deepEqual(domains, ['Safety', 'Effectiveness', 'Experience', 'Productivity', 'Integration']);
    // Quality before money: the services come after every domain.
    const order = await page.evaluate(() => {
      const money = document.getElementById('money');
      return [...document.querySelectorAll('.app-review-domain')].every((d) => d.compareDocumentPosition(money) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(order, 'a domain comes after the money');
    const finding = page.locator('[data-domain="productivity"] .app-review-finding');
    assert.match(await text(finding), /^Found \(partly assured\): Outpatient DNAs/);
    const dna = page.locator('[data-domain="productivity"] li[data-indicator="OP-DNA"]');
    assert.match(await text(dna), /outside 99\.8% limits/);
    assert.equal(await dna.locator('[data-compare]').getAttribute('data-compare'), 'worse');
    assert.match(await text(page.locator('[data-domain="effectiveness"]')), /No effectiveness indicator is observed/);
    const pack = await page.evaluate(async (href) => (await fetch(href)).status, await page.locator('#review-pack').getAttribute('href'));
    assert.equal(pack, 200);
    await checkPage(page, 'review');
    await screenshot(page, 'review');
  });

  test('a provider sees only its own organisation\'s reviews', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, PROVIDER, '/reviews.html');
    await ready(page);
    const rows = await tableRows(page.locator('#review-list'));
    assert.deepEqual(rows.map((r) => r[1]), ['C-2025-ACU', 'C-2025-ACU']);
    const other = await page.evaluate(async () => {
      const list = await (await fetch('/api/v1/reviews')).json();
      return list.items.map((r) => r.provider);
    });
    assert.deepEqual(other, ['RNV', 'RNV']);
    // The mental health trust's review (the demo's third) is not found, not forbidden.
    await page.goto(`${server.url}/reviews.html?id=3`);
    await ready(page);
    assert.equal(await text(page.locator('h1')), 'Page not found');
    await checkPage(page, 'review of another organisation');
  });
});
