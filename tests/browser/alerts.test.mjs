// Alerts: a commissioner follows an indicator in the browser; an import that plants a shift
// (run from the command line against the server's database) shows one unread alert with its
// sentence and a link to the chart, which can be marked read.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

// Eight months after the demo's last (2026-03) with about three times its falls.
function plantShift() {
  const rows = ['indicator,organisation,period,numerator,denominator'];
  for (let m = 4; m <= 11; m++) rows.push(`FALLS,RNV,2026-${String(m).padStart(2, '0')},250,19000`);
  const file = join(server.dir, 'shift.csv');
  writeFileSync(file, rows.join('\n') + '\n');
  execFileSync(server.bin, ['import', 'observations', file, '--db', server.db], { stdio: 'pipe' });
}

describe('alerts', { timeout: 120000 }, () => {
  test('follow an indicator, see its special cause, mark it read', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Alerts' }).click();
    await ready(page);
    assert.equal(await text(page.locator('#unread-count')), '0 unread alerts');

    await page.getByLabel('What to follow').selectOption('indicator');
    await page.getByLabel(/Its code/).fill('FALLS');
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByText('You now follow FALLS.').waitFor();
    assert.match(await text(page.locator('#follows-list')), /indicator: Inpatient falls per 1,000 occupied bed days \(FALLS\)/);

    plantShift();
    await page.reload();
    await ready(page);
    assert.equal(await text(page.locator('#unread-count')), '1 unread alert');
    await page.locator('#alerts-link', { hasText: 'Alerts (1 unread)' }).waitFor();
    const item = page.locator('.app-alert');
    assert.equal(await item.count(), 1);
    assert.match(await text(item), /Inpatient falls per 1,000 occupied bed days for .* \(RNV\) in 2026-11 is a special cause of concern/);
    assert.equal(await item.getByRole('link').getAttribute('href'), '/indicator.html?code=FALLS&org=RNV');
    await checkPage(page, 'alerts');
    await screenshot(page, 'alerts');

    await item.getByRole('button', { name: /Mark as read/ }).click();
    await page.locator('#unread-count', { hasText: '0 unread alerts' }).waitFor();
    assert.match(await text(page.locator('.app-alert')), /^Read/);
  });
});
