// Uploading CSV files (an error reported with its line and column; a good file's counts; text
// shown as text, never as markup) and managing users as an administrator.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN, PROVIDER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
} from './harness.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await newPage(browser, server);
  await signIn(page, server, ADMIN);
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

async function upload(kind, name, csv) {
  await page.goto(`${server.url}/import.html`);
  await ready(page);
  await page.getByLabel('What the file holds').selectOption(kind);
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: 'Upload and import' }).click();
  await page.locator('#import-result, #import-error').first().waitFor({ timeout: 30000 });
}

const NEW_NAME = 'Test <b>Surgery</b> & "Partners"';

describe('import', { timeout: 120000 }, () => {
  test('a file with a bad value is refused, naming its line and column, and nothing changes', async () => {
    const csv = [
      'indicator,organisation,service,period,numerator,denominator,value,note',
      'ABX,X81001,,2026-04,500,12000,,',
      'ABX,X81002,,2026-04,lots,9000,,',
      '',
    ].join('\n');
    await upload('observations', 'bad-observations.csv', csv);
    const error = page.locator('#import-error');
    assert.ok(await error.isVisible(), 'the error is shown');
    const shown = await text(error);
    assert.match(shown, /The file was not imported/);
    assert.match(await text(page.locator('#import-error-where')), /^bad-observations\.csv: line 3, column 'numerator'$/);
    // The message (docs/data-formats.md: "column 'NAME': value 'VALUE': what was expected").
    assert.match(await text(page.locator('#import-error-message')), /^Column 'numerator': value 'lots': expected /);
    assert.match(shown, /Nothing was imported/);
    assert.equal(await page.locator('#import-result').count(), 0);
    // The error summary takes the focus, so a screen reader announces it.
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains('nhsuk-error-summary')), true);
    await checkPage(page, 'import error');
    await screenshot(page, 'import-error');
    // All or nothing: the good first row was not stored either.
    const status = await page.evaluate(async () => (await fetch('/api/v1/observations/ABX/X81001/2026-04')).status);
    assert.equal(status, 404);
  });

  test('a file with several bad rows lists every one, in file order', async () => {
    const csv = [
      'indicator,organisation,service,period,numerator,denominator,value,note',
      'ABX,X81001,,2026-04,500,12000,,',
      'ABX,X81002,,2026-04,lots,9000,,',
      'ABX,NOWHERE,,2026-04,5,9000,,',
      '',
    ].join('\n');
    await upload('observations', 'two-bad.csv', csv);
    const rows = page.locator('#import-errors tbody tr');
    assert.equal(await rows.count(), 2);
    assert.match(await text(page.locator('#import-errors caption')), /^2 problems$/);
    assert.match(await text(rows.nth(0)), /3.*numerator.*Column 'numerator': value 'lots'/s);
    assert.match(await text(rows.nth(1)), /4.*organisation.*Column 'organisation': value 'NOWHERE'/s);
    await checkPage(page, 'import errors');
    await screenshot(page, 'import-errors');
  });

  test('no file chosen: the field says so', async () => {
    await page.goto(`${server.url}/import.html`);
    await ready(page);
    await page.getByRole('button', { name: 'Upload and import' }).click();
    assert.match(await text(page.locator('#file-error')), /Select a CSV file/);
  });

  test('a good file is imported and its counts shown; names stay text', async () => {
    const csv = `code,name,kind,parent\nX81099,"${NEW_NAME.replace(/"/g, '""')}",practice,U90001\n`;
    // Hold the upload's answer for a moment to see the progress shown meanwhile.
    let release;
    const held = new Promise((res) => { release = res; });
    await page.route('**/api/v1/import/**', async (route) => { await held; await route.continue(); });
    await page.goto(`${server.url}/import.html`);
    await ready(page);
    await page.getByLabel('What the file holds').selectOption('organisations');
    await page.getByLabel('CSV file').setInputFiles({ name: 'new-practice.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await page.locator('#progress-box').waitFor({ state: 'visible' });
    assert.match(await text(page.locator('#upload-status')), /new-practice\.csv/);
    assert.equal(await page.getByRole('button', { name: 'Upload and import' }).isDisabled(), true, 'one upload at a time');
    await screenshot(page, 'import-progress');
    release();
    await page.locator('#import-result').waitFor();
    await page.unroute('**/api/v1/import/**');
    assert.equal(await page.locator('#progress-box').isVisible(), false);
    const result = page.locator('#import-result');
    assert.ok(await result.isVisible(), `the import failed: ${await text(page.locator('#result'))}`);
    assert.match(await text(result), /Import complete/);
    const counts = await page.locator('#import-counts tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
    assert.deepEqual(counts, [['Rows read', '1'], ['Created', '1'], ['Updated', '0'], ['Unchanged', '0']]);
    await checkPage(page, 'import done');
    await screenshot(page, 'import-done');

    await upload('organisations', 'new-practice.csv', csv);
    const again = await page.locator('#import-counts tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
    assert.deepEqual(again, [['Rows read', '1'], ['Created', '0'], ['Updated', '0'], ['Unchanged', '1']]);

    await page.goto(`${server.url}/org.html?code=X81099`);
    await ready(page);
    const h1 = page.locator('h1');
    assert.match(await text(h1), /Test <b>Surgery<\/b> & "Partners"$/);
    assert.equal(await h1.locator('b').count(), 0, 'markup in a name is shown as text');
    assert.match(await text(page.locator('#indicators-section')), /No indicator is observed/);
  });
});

describe('a provider', { timeout: 120000 }, () => {
  test('sees the workbench, and imports only its own organisation\'s rows', async () => {
    const provider = await newPage(browser, server);
    await signIn(provider, server, PROVIDER);
    await ready(provider);
    assert.match(await text(provider.locator('#signed-in-user')), /provider@example\.nhs\.uk \(provider, RNV\)/);
    assert.equal(await provider.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Users' }).count(), 0);
    assert.ok(await provider.locator('#signals-concern tbody tr').count() > 0, 'a provider sees the signals');

    await provider.goto(`${server.url}/import.html`);
    await ready(provider);
    await provider.getByLabel('What the file holds').selectOption('sites');
    const csv = 'code,name,organisation,gross_internal_m2\nS-TEST,Test site,RNC,100\n';
    await provider.getByLabel('CSV file').setInputFiles({ name: 'sites.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await provider.getByRole('button', { name: 'Upload and import' }).click();
    const error = provider.locator('#import-error');
    await error.waitFor();
    assert.match(await text(error), /The file was not imported/);
    assert.match(await text(provider.locator('#import-error-where')), /^sites\.csv: line 2, column 'organisation'$/);
    assert.match(await text(error), /You may import only your own organisation's rows/);
    await checkPage(provider, 'provider import refused');
    // Its own organisation's rows go in.
    await provider.getByLabel('CSV file').setInputFiles({ name: 'own.csv', mimeType: 'text/csv', buffer: Buffer.from('code,name,organisation,gross_internal_m2\nS-OWN,Own site,RNV,100\n') });
    await provider.getByRole('button', { name: 'Upload and import' }).click();
    await provider.locator('#import-result').waitFor();
    assert.match(await text(provider.locator('#import-result')), /1/);
    await provider.context().close();
  });
});

describe('users', { timeout: 120000 }, () => {
  test('an administrator lists, adds, promotes and disables users', async () => {
    await page.goto(`${server.url}/admin.html`);
    await ready(page);
    const table = page.locator('#users-table');
    await table.waitFor();
    const emails = await table.locator('tbody tr td:first-child').allInnerTexts();
    for (const e of ['admin@example.nhs.uk', 'commissioner@example.nhs.uk', 'provider@example.nhs.uk']) {
      assert.ok(emails.includes(e), `${e} is listed: ${emails}`);
    }
    await checkPage(page, 'users page');
    await screenshot(page, 'admin');

    await page.getByLabel('Email address').fill('new.analyst@example.nhs.uk');
    await page.locator('#new-role').selectOption('commissioner');
    await page.getByLabel('Password', { exact: true }).fill('a-long-enough-password-4');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('#add-user-message').getByText('Added new.analyst@example.nhs.uk.').waitFor();
    const row = table.locator('tbody tr', { hasText: 'new.analyst@example.nhs.uk' });
    await row.waitFor();
    assert.equal(await row.getByLabel('Role of new.analyst@example.nhs.uk').inputValue(), 'commissioner');
    assert.match(await text(row), /Active/);

    // A provider belongs to an organisation: role and organisation are saved together.
    await row.getByLabel('Role of new.analyst@example.nhs.uk').selectOption('provider');
    await row.getByLabel('Organisation of new.analyst@example.nhs.uk').selectOption('RNV');
    await row.getByRole('button', { name: 'Save role and organisation of new.analyst@example.nhs.uk' }).click();
    await page.locator('#users-message').getByText('new.analyst@example.nhs.uk is now provider of RNV.').waitFor();
    const saved = table.locator('tbody tr', { hasText: 'new.analyst@example.nhs.uk' });
    assert.equal(await saved.getByLabel('Role of new.analyst@example.nhs.uk').inputValue(), 'provider');
    assert.equal(await saved.getByLabel('Organisation of new.analyst@example.nhs.uk').inputValue(), 'RNV');

    // A provider without an organisation is refused, and the page says why.
    await saved.getByLabel('Organisation of new.analyst@example.nhs.uk').selectOption('');
    await saved.getByRole('button', { name: 'Save role and organisation of new.analyst@example.nhs.uk' }).click();
    await page.locator('#users-message .nhsuk-error-summary').waitFor();
    assert.match(await text(page.locator('#users-message')), /organisation/i);

    await saved.getByLabel('Role of new.analyst@example.nhs.uk').selectOption('admin');
    await saved.getByRole('button', { name: 'Save role and organisation of new.analyst@example.nhs.uk' }).click();
    await page.locator('#users-message').getByText('new.analyst@example.nhs.uk is now admin.').waitFor();
    assert.equal(await table.locator('tbody tr', { hasText: 'new.analyst@example.nhs.uk' }).getByLabel('Role of new.analyst@example.nhs.uk').inputValue(), 'admin');

    // A newcomer signs in before being disabled, and cannot after.
    const other = await newPage(browser, server);
    await signIn(other, server, { email: 'new.analyst@example.nhs.uk', password: 'a-long-enough-password-4' });
    await ready(other);
    assert.match(await text(other.locator('#signed-in-user')), /new\.analyst@example\.nhs\.uk \(admin\)/);
    await other.context().close();

    await table.locator('tbody tr', { hasText: 'new.analyst@example.nhs.uk' }).getByRole('button', { name: 'Disable new.analyst@example.nhs.uk' }).click();
    await page.locator('#users-message').getByText('new.analyst@example.nhs.uk is disabled.').waitFor();
    // The table is drawn again after the message; wait for the new row rather than read the old.
    const disabled = table.locator('tbody tr', { hasText: 'new.analyst@example.nhs.uk' });
    await disabled.filter({ hasText: 'Disabled' }).waitFor({ timeout: 5000 });
    assert.match(await text(disabled), /Disabled/);
    await screenshot(page, 'admin-after');

    const refused = await newPage(browser, server);
    await refused.goto(`${server.url}/login.html`);
    await refused.getByLabel('Email address').fill('new.analyst@example.nhs.uk');
    await refused.getByLabel('Password').fill('a-long-enough-password-4');
    await refused.getByRole('button', { name: 'Sign in' }).click();
    await refused.locator('.nhsuk-error-summary').waitFor();
    assert.match(refused.url(), /\/login\.html$/);
    await refused.context().close();
  });
});
