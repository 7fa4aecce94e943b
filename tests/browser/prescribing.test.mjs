// The prescribing pages on the demo's year of prescribing: the measures list, a measure's decile
// chart with an organisation picked and the table of practices, the organisation page's measures
// ranked by potential saving, and the home page's largest prescribing savings. Figures on the
// pages are checked against the API's answers (whose arithmetic tests/cli and tests/api check).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, checkPage, imageWidth, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
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

async function rows(locator) {
  return locator.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => {
    const cell = c.querySelector('.app-cell') || c;
    return cell.innerText.replace(/\s+/g, ' ').trim();
  })));
}

async function apiJson(page, path) {
  return page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).json(), path);
}

describe('prescribing pages', { timeout: 180000 }, () => {
  test('the measures, a decile chart with a practice picked, and the table of practices', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Prescribing' }).click();
    await ready(page);
    assert.equal(await text(page.locator('h1')), 'April 2025 to March 2026 – Prescribing measures');
    const list = await rows(page.locator('#measures-table'));
    assert.equal(list.length, 13);
    await checkPage(page, 'measures');

    await page.getByRole('link', { name: 'Branded omeprazole' }).click();
    await ready(page);
    assert.match(await text(page.locator('h1')), /Branded omeprazole$/);
    assert.match(await text(page.locator('#why-it-matters')), /Generic omeprazole is as effective/);
    const practices = await rows(page.locator('#measure-orgs'));
    assert.equal(practices.length, 30, 'every demo practice has a value');
    const api = await apiJson(page, '/api/v1/measures/branded_omeprazole');
    const best = [...api.orgs].sort((a, b) => b.savings['50'] - a.savings['50'])[0];
    assert.equal(practices[0][0], best.name, 'ranked by the saving at the median');
    assert.equal(await imageWidth(page.locator('#decile-chart')), 720);

    await page.getByLabel('Organisation').selectOption('X81001');
    await page.waitForFunction(() => document.querySelector('#decile-chart').src.includes('org=X81001'));
    assert.equal(await imageWidth(page.locator('#decile-chart')), 720);
    assert.match(page.url(), /org=X81001/);
    const svg = await page.evaluate(async () => (await fetch(document.querySelector('#decile-chart').src)).text());
    assert.equal((svg.match(/class="decile /g) || []).length, 9);
    assert.equal((svg.match(/class="org-point"/g) || []).length, 12);
    await checkPage(page, 'measure');
    await screenshot(page, 'measure');

    await page.getByLabel('Compare').selectOption('sub_icb');
    await ready(page);
    // The table is drawn again once the sub-ICB answer arrives; a loaded machine can read it
    // before that. Wait for the redraw (or 10 s), then check.
    await page.waitForFunction(() => document.querySelectorAll('#measure-orgs tbody tr').length === 3,
      null, { timeout: 10000 }).catch(() => {});
    assert.equal((await rows(page.locator('#measure-orgs'))).length, 3, 'the three places');
  });

  test('an organisation page ranks its measures by saving; the home page lists the largest', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/org.html?code=X81001');
    await ready(page);
    assert.equal(await text(page.locator('#prescribing')), 'Prescribing: measures ranked by potential saving');
    const measures = await rows(page.locator('#org-measures'));
    const api = await apiJson(page, '/api/v1/organisations/X81001/measures');
    assert.equal(measures.length, api.items.length);
    assert.deepEqual(measures.map((r) => r[0]), api.items.map((m) => m.name));
    await checkPage(page, 'organisation with prescribing');

    await page.goto(`${server.url}/index.html`);
    await ready(page);
    const top = await rows(page.locator('#top-prescribing-savings'));
    const savings = await apiJson(page, '/api/v1/prescribing/savings?limit=5');
    assert.equal(top.length, 5);
    assert.deepEqual(top.map((r) => r[1]), savings.items.map((o) => o.org_name));
    assert.ok(savings.items.every((o) => o.level === 'practice'));
    await checkPage(page, 'home with prescribing');
    await screenshot(page, 'home-prescribing');
  });
});
