// The workbench as a commissioner uses it on the demo system (docs/demo.md): the home page's
// signals, a click through to an organisation and to an indicator, the SPC and funnel charts,
// and the comparison table. Values asserted here are the demo's planted signals.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, checkPage, imageWidth, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
} from './harness.mjs';

let server;
let browser;
let page;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  page = await newPage(browser, server);
  await signIn(page, server, COMMISSIONER);
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

/** The rows of a table, each as its cells' text. */
async function rows(locator) {
  return locator.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim())));
}

describe('home, organisation and indicator pages', { timeout: 180000 }, () => {
  test('home shows the headline figures and what is changing', async () => {
    await page.goto(`${server.url}/`);
    await ready(page);
    assert.match(await text(page.locator('h1')), /NHS Northvale Integrated Care Board$/);
    assert.equal(await text(page.locator('#figure-organisations .app-figure__value')), '47');
    assert.match(await text(page.locator('#figure-indicators')), /^22 indicators, 9,648 observations$/);
    assert.match(await text(page.locator('#figure-idle-floor')), /17,792 m²/);

    const concerns = await rows(page.locator('#signals-concern'));
    const find = (list, ind, org) => list.find((r) => r[0] === ind && r[1] === org);
    const opDna = find(concerns, 'Outpatient appointments not attended', 'Northvale Hospitals NHS Foundation Trust');
    assert.ok(opDna, `the acute trust's outpatient DNA rate is a concern: ${JSON.stringify(concerns)}`);
    assert.equal(opDna[2], 'Concern (higher)');
    assert.equal(opDna[3], 'Mar 2026');
    assert.match(opDna[4], /^\d+(\.\d)?%$/);
    const abx = find(concerns, 'Antibiotic items per 1,000 patients', 'Valley Road Practice');
    assert.ok(abx, 'Valley Road Practice\'s antibiotic prescribing is a concern');
    assert.match(abx[4], /^\d+(\.\d)? per 1,000$/);
    const fft = find(concerns, 'Friends and Family Test: % positive', 'Northvale and Fellside Partnership NHS Foundation Trust');
    assert.ok(fft, 'patient experience at the mental health trust is a concern');
    assert.equal(fft[2], 'Concern (lower)');

    const improvements = await rows(page.locator('#signals-improvement'));
    const diupr = find(improvements, 'Deaths in usual place of residence', 'NHS Northvale Integrated Care Board');
    assert.ok(diupr, `the ICB's deaths in usual place of residence improve: ${JSON.stringify(improvements)}`);
    assert.equal(diupr[2], 'Improvement (higher)');
    const admissions = find(improvements, 'Emergency admissions in the last 90 days of life per 1,000 deaths', 'NHS Northvale Integrated Care Board');
    assert.ok(admissions, 'the ICB\'s end of life admissions fall');
    assert.equal(admissions[2], 'Improvement (lower)');

    // Tags carry the Making Data Count colours.
    const iconColour = (table) => page.locator(`${table} .app-spc-icon`).first().evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(await iconColour('#signals-concern'), 'rgb(228, 108, 10)'); // #e46c0a
    assert.equal(await iconColour('#signals-improvement'), 'rgb(0, 176, 240)'); // #00b0f0

    // Outliers, one row per indicator: every outlier the API lists is there, on its side.
    const api = await page.evaluate(async () => (await fetch('/api/v1/signals')).json());
    assert.ok(api.outliers.length > 0, 'some organisations are funnel outliers');
    const outliers = await rows(page.locator('#signals-outliers'));
    assert.equal(outliers.length, new Set(api.outliers.map((o) => o.indicator)).size);
    assert.equal(await page.locator('#signals-outliers .app-org-list a').count(), api.outliers.length);
    const abxRow = outliers.find((r) => r[0] === 'Antibiotic items per 1,000 patients');
    assert.ok(abxRow, 'antibiotic prescribing has outliers');
    assert.equal(abxRow[1], 'Mar 2026');
    assert.match(abxRow[2], /Valley Road Practice \d+(\.\d)? per 1,000/, 'high prescribing is worse than expected');
    assert.doesNotMatch(abxRow[3], /Valley Road Practice/);
    const dnaRow = outliers.find((r) => r[0] === 'Outpatient appointments not attended');
    assert.match(dnaRow[2], /Northvale Hospitals NHS Foundation Trust/);

    const estates = await rows(page.locator('#estates-table'));
    assert.ok(estates.some((r) => r[0] === 'Fellside Memorial Hospital'), 'Fellside Memorial Hospital is among the emptiest sites');

    await checkPage(page, 'home');
    await screenshot(page, 'home');
  });

  test('the keyboard reaches the skip link first', async () => {
    await page.goto(`${server.url}/index.html`);
    await ready(page);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Skip to main content');
    await page.keyboard.press('Enter');
    // The hash changes after the key's default action; under load that can lag the press.
    await page.waitForURL(/#maincontent$/, { timeout: 5000 });
    assert.match(page.url(), /#maincontent$/);
  });

  test('a signal leads to the organisation, its charts, services, sites and contracts', async () => {
    await page.goto(`${server.url}/index.html`);
    await ready(page);
    await page.locator('#signals-concern').getByRole('link', { name: 'Valley Road Practice' }).click();
    await page.waitForURL(/\/org\.html\?code=X81017$/);
    await ready(page);
    assert.match(await text(page.locator('h1')), /Valley Road Practice$/);
    assert.match(await text(page.locator('h1 .nhsuk-caption-l')), /X81017 · Practice/);
    const crumbs = await page.locator('.nhsuk-breadcrumb__list a').allInnerTexts();
    assert.equal(crumbs[0], 'Home');
    assert.ok(crumbs.includes('NHS Northvale Integrated Care Board'), `breadcrumbs: ${crumbs}`);

    const card = page.locator('#indicator-charts > li[data-indicator="ABX"]');
    assert.match(await text(card.locator('h3')), /^Antibiotic items per 1,000 patients$/);
    assert.match(await text(card.locator('.app-tags')), /Concern \(higher\)/);
    const img = card.locator('img');
    assert.ok(await imageWidth(img) > 0, 'the small SPC chart loads');
    const alt = await img.getAttribute('alt');
    assert.match(alt, /^SPC chart of Antibiotic items per 1,000 patients for Valley Road Practice/);
    assert.match(alt, /concern \(higher\)/);
    assert.match(await img.getAttribute('src'), /^\/api\/v1\/indicators\/ABX\/spc\.svg\?org=X81017$/);
    // Special causes come first.
    assert.equal(await page.locator('#indicator-charts > li').first().getAttribute('data-indicator'), 'ABX');
    const codes = await page.locator('#indicator-charts > li').evaluateAll((lis) => lis.map((li) => li.dataset.indicator).sort());
    assert.deepEqual(codes, ['ABX', 'EMADM', 'EPACCS', 'FLU65', 'GP-DNA', 'IMD19', 'LVP'],
                     'a practice has the six practice indicators and its deprivation score');

    await checkPage(page, 'organisation page');
    await screenshot(page, 'org-practice');

    await page.goto(`${server.url}/org.html?code=RNV`);
    await ready(page);
    assert.match(await text(page.locator('h1')), /Northvale Hospitals NHS Foundation Trust$/);
    const services = await rows(page.locator('#services-table'));
    assert.ok(services.some((r) => r[0] === 'Emergency department' && r[3] === '£24.5m'), `services: ${JSON.stringify(services)}`);
    const sites = await rows(page.locator('#sites-table'));
    assert.deepEqual(sites.map((r) => r[0]), ['Northvale General Hospital']);
    assert.equal(sites[0][1], '96,500 m²');
    const contracts = await rows(page.locator('#contracts-table'));
    assert.ok(contracts.some((r) => r[0] === 'C-2025-ACU' && r[3] === '£318m'), `contracts: ${JSON.stringify(contracts)}`);
    const opDna = page.locator('#indicator-charts > li[data-indicator="OP-DNA"]');
    assert.match(await text(opDna.locator('.app-tags')), /Concern \(higher\)/);
    for (const im of await page.locator('#indicator-charts img[loading="eager"]').all()) {
      assert.ok(await imageWidth(im) > 0, `chart ${await im.getAttribute('src')} loads`);
    }
    await checkPage(page, 'acute trust page');
    await screenshot(page, 'org-acute-trust');

    await page.goto(`${server.url}/org.html?code=QNV`);
    await ready(page);
    const children = await page.locator('#children-list li').allInnerTexts();
    assert.ok(children.some((c) => /^Ravensholme Place/.test(c)), `children: ${children}`);
    assert.equal((await rows(page.locator('#contracts-table'))).length, 6);
  });

  test('the indicator page shows the SPC chart, the funnel plot and the comparison', async () => {
    await page.goto(`${server.url}/org.html?code=X81017`);
    await ready(page);
    await page.locator('#indicator-charts > li[data-indicator="ABX"] h3 a').click();
    await page.waitForURL(/\/indicator\.html\?code=ABX&org=X81017/);
    await ready(page);
    assert.match(await text(page.locator('h1')), /Antibiotic items per 1,000 patients$/);
    assert.equal(await page.locator('#org-select').inputValue(), 'X81017');
    assert.equal(await page.getByLabel('Organisation or service', { exact: true }).inputValue(), 'X81017');
    assert.match(await text(page.locator('#spc-icons')), /Concern \(higher\)/);
    const spc = page.locator('#spc-chart');
    assert.ok(await imageWidth(spc) > 0, 'the SPC chart loads');
    assert.match(await spc.getAttribute('alt'), /Valley Road Practice, 36 months from Apr 2023 to Mar 2026/);

    assert.equal(await page.getByLabel('Month', { exact: true }).inputValue(), '2026-03');
    const funnel = page.locator('#funnel-chart');
    assert.ok(await imageWidth(funnel) > 0, 'the funnel plot loads');
    assert.match(await funnel.getAttribute('alt'), /^Funnel plot of Antibiotic items per 1,000 patients in Mar 2026: 30 organisations/);

    const compare = await rows(page.locator('#compare-table'));
    assert.equal(compare.length, 30, 'every practice is compared');
    const valley = compare.find((r) => r[0].startsWith('Valley Road Practice'));
    assert.ok(valley, 'Valley Road Practice is in the comparison');
    assert.match(valley[3], /^Worse/);
    assert.equal(await page.locator('#compare-table tr.app-row--selected').count(), 1);

    // The chart's numbers are there for those who cannot see it.
    await page.getByText('Show the chart\'s numbers').click();
    const points = await rows(page.locator('#spc-table'));
    assert.equal(points.length, 36);
    assert.equal(points[0][0], 'Mar 2026');

    await checkPage(page, 'indicator page');
    await screenshot(page, 'indicator');

    // Another month: the funnel and the table follow, and the address says so.
    await page.getByLabel('Month', { exact: true }).selectOption('2025-01');
    await page.waitForFunction(() => document.querySelector('#funnel-chart')?.getAttribute('src').includes('period=2025-01'));
    assert.ok(await imageWidth(page.locator('#funnel-chart')) > 0);
    assert.match(page.url(), /period=2025-01/);
    await page.waitForFunction(() => /Jan 2025/.test(document.querySelector('#compare-section')?.innerText || ''));

    // Another practice: a flat series, common cause.
    await page.getByLabel('Organisation or service', { exact: true }).selectOption('X81005');
    await page.waitForFunction(() => document.querySelector('#spc-chart')?.getAttribute('src').endsWith('org=X81005'));
    assert.match(await text(page.locator('#spc-icons')), /Common cause variation/);
    assert.ok(await imageWidth(page.locator('#spc-chart')) > 0);
    assert.match(page.url(), /org=X81005/);
  });

  test('a signal about a service leads to its chart and to the service', async () => {
    await page.goto(`${server.url}/index.html`);
    await ready(page);
    const improvements = page.locator('#signals-improvement');
    await improvements.getByRole('link', { name: 'People dying in their preferred place' }).click();
    await page.waitForURL(/\/indicator\.html\?code=EOL-PPD&org=SVC-EOL-EPACCS$/);
    await ready(page);
    assert.ok(await imageWidth(page.locator('#spc-chart')) > 0);
    assert.match(await text(page.locator('#spc-icons')), /Improvement \(higher\)/);
    assert.equal(await page.getByLabel('Organisation or service', { exact: true }).inputValue(), 'SVC-EOL-EPACCS');

    await page.goto(`${server.url}/index.html`);
    await ready(page);
    await improvements.getByRole('link', { name: 'EPaCCS and end of life care coordination centre' }).click();
    await page.waitForURL(/\/org\.html\?code=SVC-EOL-EPACCS$/);
    await ready(page);
    assert.match(await text(page.locator('h1')), /EPaCCS and end of life care coordination centre$/);
    assert.match(await text(page.locator('#org-summary')), /Provider Northvale Community Health NHS Trust/);
    const card = page.locator('#indicator-charts > li[data-indicator="EOL-PPD"]');
    assert.ok(await imageWidth(card.locator('img')) > 0);
    await checkPage(page, 'service page');
  });

  test('the home page fits a phone', async () => {
    const phone = await newPage(browser, server, { mobile: true });
    await signIn(phone, server, COMMISSIONER);
    await ready(phone);
    assert.match(await text(phone.locator('h1')), /Northvale/);
    await checkPage(phone, 'home on a phone');
    await screenshot(phone, 'home-phone');
    await phone.goto(`${server.url}/indicator.html?code=DIUPR&org=QNV`);
    await ready(phone);
    assert.ok(await imageWidth(phone.locator('#spc-chart')) > 0);
    await checkPage(phone, 'indicator on a phone');
    await screenshot(phone, 'indicator-phone');
    await phone.context().close();
  });
});
