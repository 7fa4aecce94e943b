// The register of opportunities as a commissioner uses it on the demo system: reached from the
// navigation, filtered through the URL, downloaded as CSV, a status recorded, a conversation
// started from an opportunity, and an organisation's own register on its page. Figures are the
// demo's estates returns worked by hand (docs/opportunities.md).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, PROVIDER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, tableRows as rows, text,
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
    // The demo's estates and indicator rows (£8.3m) and its year of prescribing at practice level.
    assert.match(await text(page.locator('#register-total')), /^£21m a year in \d+ opportunities \(estates £4\.8m, services and processes £3\.5m, prescribing £12\.8m\)/);
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

    // Start a conversation about Calderbridge Community Hospital: logged, linked to the
    // opportunity and its trust, and the opportunity is now in conversation, naming it.
    await page.getByLabel('Talk about').selectOption('estates:S-CCH');
    assert.equal(await page.getByLabel('Title').inputValue(), 'Calderbridge Community Hospital (Northvale Community Health NHS Trust)');
    await page.getByLabel('When').fill('2026-11-30');
    await page.getByLabel('What was said').fill('Ward 3 empty since the merger; the trust will bring a plan.');
    await page.getByRole('button', { name: 'Start a conversation' }).click();
    await page.waitForSelector('#conversation-message p');
    const started = await text(page.locator('#conversation-message'));
    const id = Number(/^Conversation (\d+) logged about Calderbridge Community Hospital/.exec(started)?.[1]);
    assert.ok(id > 0, started);
    assert.equal(await text(page.locator('.app-status[data-id="estates:S-CCH"]')),
      `In conversation: Conversation ${id} on 2026-11-30: Ward 3 empty since the merger; the trust will bring a plan.`);
    const conversation = await page.evaluate(async (n) => (await fetch(`/api/v1/conversations/${n}`)).json(), id);
    assert.deepEqual(conversation.opportunities, ['estates:S-CCH']);
    assert.deepEqual(conversation.organisations, ['RNC']);
    assert.equal(conversation.held_on, '2026-11-30');
    await checkPage(page, 'opportunities after starting a conversation');
    await page.context().close();
  });

  test("an organisation's page shows its register, linking to it", async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/org.html?code=RNC');
    await ready(page);
    // Fellside £616,000 + the community hospital £401,200 + the health centre £381,100 + the
    // discharge indicator's £247,135 = £1,645,435.
    assert.match(await text(page.locator('#org-register-total')), /^£1\.6m a year in 4 opportunities here/);
    const top = await rows(page.locator('#org-opportunities'));
    assert.deepEqual(top.map((r) => r[0]), ['£616k', '£401k', '£381k', '£247k']);
    await checkPage(page, 'organisation with its register');
    await page.locator('#org-register-link').click();
    await ready(page);
    assert.match(page.url(), /\/opportunities\.html\?org=RNC$/);
    assert.equal((await rows(page.locator('#opportunities-table'))).length, 4);
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

  test('an ERIC return uploaded on the import page changes the register', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/import.html');
    await ready(page);
    // St Aidan's Hospice in 2025/26: 10% of 3,400 m² empty at £300,000 + £100,000 FM = £40,000.
    const csv = 'Trust Code,Site Code,Site Name,Gross internal floor area (m²),Floor area - empty (%),'
      + 'Floor area - under used (%),Hard FM (Estates) costs (£),Soft FM (Hotel Services) costs (£)\n'
      + 'NNV01,S-HOS,St Aidan\'s Hospice,3400,10,0,"300,000",100000\n';
    await page.getByLabel('What the file holds').selectOption('eric');
    await page.getByLabel('CSV file').setInputFiles({ name: 'ERIC - 202526 - Site Data.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.locator('#import-result').waitFor({ timeout: 30000 });
    const counts = await rows(page.locator('#import-counts'));
    assert.deepEqual(counts.find((r) => r[0] === 'Estates observations for 2025/26'), ['Estates observations for 2025/26', '3']);
    const register = await page.evaluate(async () => (await fetch('/api/v1/opportunities?kind=estates&org=NNV01')).json());
    const hospice = register.items.find((o) => o.id === 'estates:S-HOS');
    assert.equal(hospice.gbp, 40000);

    // A bad value names the file, line and column.
    await page.goto(`${server.url}/import.html`);
    await ready(page);
    await page.getByLabel('What the file holds').selectOption('eric');
    await page.getByLabel('CSV file').setInputFiles({ name: 'ERIC - 202526 - Site Data.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('3400', 'big'), 'utf8') });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.locator('#import-error').waitFor({ timeout: 30000 });
    assert.equal(await text(page.locator('#import-error-where')), "ERIC - 202526 - Site Data.csv: line 2, column 'Gross internal floor area (m²)'");
    assert.match(await text(page.locator('#import-error-message')), /^Column 'Gross internal floor area \(m²\)': value 'big': expected a number$/);
    await checkPage(page, 'ERIC import error');
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
