// A provider's quality scorecard: experience stands beside safety and effectiveness, in columns
// and cards of the same size, reached from the organisation page.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
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

describe('scorecard', { timeout: 120000 }, () => {
  test('experience has the same weight as clinical outcomes', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/org.html?code=RNV');
    await ready(page);
    await page.getByRole('link', { name: /Quality scorecard/ }).click();
    await ready(page);
    assert.equal(await text(page.locator('h1')), 'RNV – Quality scorecard: Northvale Hospitals NHS Foundation Trust');
    const quality = page.locator('#scorecard-quality > section');
    assert.deepEqual(await quality.locator('h2').allInnerTexts(), ['Safety', 'Effectiveness', 'Experience']);
    const boxes = await quality.evaluateAll((cols) => cols.map((c) => c.getBoundingClientRect()))
      .then((rs) => rs.map((r) => ({ width: r.width, top: r.top })));
    assert.equal(boxes.length, 3);
    for (const b of boxes) {
      assert.ok(Math.abs(b.width - boxes[0].width) < 1, `columns differ in width: ${JSON.stringify(boxes)}`);
      assert.equal(b.top, boxes[0].top, 'the columns start on the same line');
    }
    // The friends and family test sits in the experience column, on a card as wide as the others.
    const fft = page.locator('[data-domain="experience"] li[data-indicator="FFT-POS"]');
    assert.equal(await fft.count(), 1);
    const safetyCard = page.locator('[data-domain="safety"] li').first();
    const w = async (l) => l.evaluate((e) => e.getBoundingClientRect().width);
    assert.ok(Math.abs((await w(fft)) - (await w(safetyCard))) < 1);
    await checkPage(page, 'scorecard');
    await screenshot(page, 'scorecard');
  });
});
