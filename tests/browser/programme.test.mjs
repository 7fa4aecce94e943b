// The demo's end-of-life programme as a commissioner reads it: reached from the navigation, its
// story in order, the goals against their paths, the projects' readiness, and stories shown
// with their consent; a provider cannot open it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, PROVIDER, checkPage, imageWidth, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
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

describe('programme page', { timeout: 180000 }, () => {
  test('the end-of-life programme reads as its story', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Programmes' }).click();
    await ready(page);
    await page.getByRole('link', { name: 'Living and dying well in Northvale' }).click();
    await ready(page);
    assert.match(await text(page.locator('h1')), /Living and dying well in Northvale$/);
    const headings = await page.locator('main h2').allInnerTexts();
    assert.deepEqual(headings, ['Co-design events', 'What people said', 'Priorities', '40 pledges of support',
      'Work streams', 'Change champions (8)', 'Goals', 'Improvement projects']);
    assert.equal(await page.locator('#events-table tbody tr').count(), 6);
    assert.match(await text(page.locator('#programme-progress')), /^2\.3 on the 0\.5–5 improvement scale/);
    assert.equal(await text(page.locator('#pledge-summary')), '14 delivered, 13 in progress, 10 made, 3 lapsed');
    assert.equal(await page.locator('#workstreams-table tbody tr').count(), 5);
    const champion = await page.locator('#champions-table tbody tr', { hasText: 'Joanne Pickering' }).innerText();
    assert.match(champion, /Carers and bereavement/);
    assert.match(champion, /Coaching others/);

    // Goals: one on track, one behind, one reached; each chart drawn.
    const goal = (code) => page.locator(`.app-goal[data-goal="${code}"]`);
    assert.match(await text(goal('G-PPD').locator('h3')), /On track$/);
    assert.match(await text(goal('G-IPU-LOS').locator('h3')), /Behind the path$/);
    assert.match(await text(goal('G-ADM90').locator('h3')), /Target reached$/);
    assert.equal(await imageWidth(goal('G-PPD').locator('img')), 720);

    // Projects: one has all three things; each of the others has a warning naming what is missing.
    assert.equal(await page.locator('#projects-table tbody tr.app-row-warning').count(), 3);
    const warnings = await page.locator('.app-readiness-warning').allInnerTexts();
    assert.equal(warnings.length, 3);
    assert.ok(warnings.some((w) => /no senior sponsor/.test(w)));
    assert.ok(warnings.some((w) => /no clinical lead/.test(w)));
    assert.ok(warnings.some((w) => /no improvement lead/.test(w)));

    // The project with a measure: its SPC chart with the PDSA change marked.
    const chart = page.locator('.app-project-chart[data-project="P-EPACCS"] img');
    assert.equal(await imageWidth(chart), 800);
    assert.match(await chart.getAttribute('alt'), /cycle 3 \(24\/7 coordination centre\) in 2024-10/);

    // What people said: the emotional map and every story, unconsented ones marked as such.
    assert.ok(await imageWidth(page.locator('#emotional-map')) > 600);
    assert.match(await page.locator('#emotional-map').getAttribute('alt'), /Crisis -0\.6/);
    assert.equal(await page.locator('#stories li').count(), 8);
    assert.equal(await page.locator('#stories .nhsuk-tag--red', { hasText: 'No consent to share' }).count(), 2);

    await checkPage(page, 'programme');
    await screenshot(page, 'programme');
  });

  test('a provider has no programme link and cannot open the report', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, PROVIDER);
    await ready(page);
    assert.equal(await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Programmes' }).count(), 0);
    await page.goto(`${server.url}/programme.html?code=EOL-2027`);
    await ready(page);
    assert.equal(await text(page.locator('h1')), 'You cannot see this page');
    assert.equal(await page.getByText('Elm Cottage').count(), 0);
  });
});
