// The register of opportunities as a commissioner uses it on the demo system: reached from the
// navigation, filtered through the URL, downloaded as CSV, and a status recorded. Figures are the
// demo's estates returns worked by hand (docs/opportunities.md).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, PROVIDER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
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

describe('opportunities page', { timeout: 180000 }, () => {
  test('the ranked register, its filters, CSV and a status change', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Opportunities' }).click();
    await ready(page);
    assert.match(await text(page.locator('h1')), /Opportunities$/);
    const all = await rows(page.locator('#opportunities-table'));
    assert.ok(all.length > 10, `rows: ${all.length}`);
    // Northvale General Hospital: (2% + 6%) x £30.3m FM = £2.424m, the largest.
    assert.equal(all[0][0], '£2.4m');
    assert.equal(all[0][1], 'Northvale Hospitals NHS Foundation Trust');
    assert.equal(all[0][4], 'Significant');
    assert.ok(all.some((r) => r[3] === 'Indicator'), 'services and processes rows are listed');
    // The demo's estates and indicator rows (£6.9m) and its year of prescribing at practice level.
    assert.match(await text(page.locator('#register-total')), /^£19\.7m a year in \d+ opportunities \(estates £4\.8m, services and processes £2\.2m, prescribing £12\.8m\)/);
    await checkPage(page, 'opportunities');
    await screenshot(page, 'opportunities');

    // Filters: the community trust's estates over £400,000 (Fellside £616,000, the community
    // hospital £401,200).
    await page.getByLabel('Organisation code (and everything below it)').fill('RNC');
    await page.getByLabel('Kind').selectOption('estates');
    await page.getByLabel('At least (£ a year)').fill('400000');
    await Promise.all([page.waitForURL(/kind=estates/), page.getByRole('button', { name: 'Show' }).click()]);
    await ready(page);
    const rnc = await rows(page.locator('#opportunities-table'));
    assert.deepEqual(rnc.map((r) => r[0]), ['£616k', '£401k']);
    assert.match(await text(page.locator('#register-total')), /^£1m a year in 2 opportunities/);

    const href = await page.locator('#register-csv').getAttribute('href');
    assert.equal(href, '/api/v1/opportunities?org=RNC&kind=estates&min=400000&format=csv');
    const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
    assert.match(csv, /^id,kind,org,/);
    assert.match(csv, /\r\nestates:S-FMH,estates,RNC,/);

    // Record a status: Fellside Memorial goes into conversation.
    await page.getByLabel('Opportunity').selectOption('estates:S-FMH');
    await page.getByLabel('Status').selectOption('in_conversation');
    await page.getByLabel('Note').fill('Estates board, June');
    await page.getByRole('button', { name: 'Record status' }).click();
    await page.waitForSelector('#status-message p');
    assert.match(await text(page.locator('#status-message')), /is now in conversation/);
    assert.equal(await text(page.locator('.app-status[data-id="estates:S-FMH"]')), 'In conversation: Estates board, June');

    // Dismissing without a reason is refused, and says why.
    await page.getByLabel('Status').selectOption('dismissed');
    await page.getByLabel('Note').fill('');
    await page.getByRole('button', { name: 'Record status' }).click();
    await page.waitForSelector('#status-message .nhsuk-error-summary');
    assert.match(await text(page.locator('#status-message')), /say why/);
    await checkPage(page, 'opportunities after a status change');
    await page.context().close();
  });

  test('the home page shows the largest five, linking to the register', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    const top = await rows(page.locator('#top-opportunities'));
    assert.equal(top.length, 5);
    assert.equal(top[0][0], '£2.4m');
    assert.equal(top[0][1], 'Northvale Hospitals NHS Foundation Trust');
    await checkPage(page, 'home with opportunities');
    await page.locator('#opportunities-section').getByRole('link', { name: 'The whole register' }).click();
    await ready(page);
    assert.match(page.url(), /\/opportunities\.html$/);
    await page.context().close();
  });

  test('a provider reads the register but records nothing', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, PROVIDER, '/opportunities.html');
    await ready(page);
    assert.ok((await rows(page.locator('#opportunities-table'))).length > 0);
    assert.equal(await page.locator('#status-form').count(), 0);
    await checkPage(page, 'opportunities as a provider');
    await page.context().close();
  });
});
