// The relationship map on the demo system as of 2 December 2026 (?today=, so that the planted
// gaps do not drift with the clock; docs/conversations.md): the mental health trust and the GP
// federation are the gaps, the acute trust's emergency and acute medicine the specialty gaps,
// the network drawing and the organisation x organisation table, and the frailty redesign's
// "only GPs and managers" warning.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  COMMISSIONER, PROVIDER, checkPage, imageWidth, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, tableRows as rows, text,
} from './harness.mjs';

const PAGE = '/relationships.html?today=2026-12-02';

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

describe('relationships page', { timeout: 180000 }, () => {
  test('the planted gaps of the demo, highlighted', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, PAGE);
    await ready(page);
    assert.match(await text(page.locator('h1')), /Relationships$/);
    assert.equal(await text(page.locator('#as-of')), 'As of 2 Dec 2026: conversations in the 90 days since 3 Sep 2026.');

    // Two gaps: the GP federation (never talked with) and the mental health trust (167 days).
    const gaps = page.locator('#gap-list');
    assert.match(await text(gaps.locator('h3')), /2 providers with a reason to talk and no conversation in 90 days$/);
    assert.deepEqual(await gaps.locator('li[data-org]').evaluateAll((l) => l.map((e) => e.dataset.org)), ['NNV02', 'RNM']);
    assert.equal(await text(gaps.locator('li[data-org="RNM"]')),
      'Northvale and Fellside Partnership NHS Foundation Trust £86.2m a year of contracts 4 open opportunities worth £1.2m a year 4 indicators showing a concern last conversation 167 days ago (2026-06-18)');
    assert.equal(await text(gaps.locator('li[data-org="NNV02"]')),
      'Northvale GP Federation £6.8m a year of contracts 1 open opportunity worth £17k a year no conversation recorded');

    // The specialties nobody has talked with: the acute trust's emergency and acute medicine,
    // last in a conversation in August although others from the trust have been since.
    const specialtyGaps = await page.locator('#specialty-gap-list li').allInnerTexts();
    assert.ok(specialtyGaps.includes('Emergency medicine, Northvale Hospitals NHS Foundation Trust: last in a conversation on 20 Aug 2026'), specialtyGaps.join('\n'));
    assert.ok(specialtyGaps.includes('Acute medicine, Northvale Hospitals NHS Foundation Trust: last in a conversation on 20 Aug 2026'));

    // In the providers table the gaps are marked in words and highlighted; the others are not.
    const providers = await rows(page.locator('#providers-table'));
    const row = (name) => providers.find((r) => r[0].startsWith(name));
    assert.deepEqual(row('Northvale and Fellside Partnership'), [
      'Northvale and Fellside Partnership NHS Foundation Trust Gap', 'Mental health trust', '18 Jun 2026 (167 days)', '0', '1', '1 Overdue', '£86.2m', '4 (£1.2m)', '4',
    ]);
    assert.deepEqual(row('Northvale GP Federation').slice(0, 4), ['Northvale GP Federation Gap', 'GP federation', 'Never', '0']);
    assert.deepEqual(row('Northvale Community Health'), [
      'Northvale Community Health NHS Trust', 'Community trust', '12 Nov 2026 (20 days)', '5', '3', '2 Overdue', '£71.5m', '4 (£1.6m)', '2',
    ]);
    const highlighted = await page.locator('#providers-table tbody tr.app-row--gap th').allInnerTexts();
    assert.deepEqual(highlighted.map((t) => t.replace(/\s+/g, ' ').replace(/^Organisation /, '').trim()),
      ['Northvale GP Federation Gap', 'Northvale and Fellside Partnership NHS Foundation Trust Gap']);
    const background = await page.locator('#providers-table tbody tr.app-row--gap').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(background, 'rgb(253, 240, 230)');

    const specialties = await rows(page.locator('#specialties-table'));
    assert.deepEqual(specialties.find((r) => r[0].startsWith('Adult psychiatry')), ['Adult psychiatry Gap', 'Northvale and Fellside Partnership NHS Foundation Trust', '1', '18 Jun 2026', '0']);
    const services = await rows(page.locator('#services-table'));
    assert.deepEqual(services.find((r) => r[0] === 'Frailty virtual ward'), ['Frailty virtual ward', 'Northvale Community Health NHS Trust', 'Frailty', '£2.6m', '12 Nov 2026', '2']);
    await checkPage(page, 'relationships');
    await screenshot(page, 'relationships');
    await page.context().close();
  });

  test('who has talked with whom: the drawing and the organisation x organisation table', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, PAGE);
    await ready(page);
    const img = page.locator('#network-svg');
    assert.equal(await imageWidth(img), 960);
    assert.equal(await img.getAttribute('alt'),
      'Who has talked with whom: 24 people and 5 organisations; 34 pairs of people from different organisations have been in a conversation together. The table below counts the same by organisation.');
    const heads = await page.locator('#matrix-table thead th').allInnerTexts();
    assert.deepEqual(heads, ['NNV01', 'NNV03', 'RNC', 'RNM', 'RNV']);
    const cell = (row, col) => text(page.locator(`#matrix-table tr[data-org="${row}"] td[data-org="${col}"]`));
    // The hospice and the community trust were together in the two end of life conversations;
    // the community trust took part in five; the mental health trust in one, with nobody else.
    assert.equal(await cell('NNV01', 'RNC'), '2');
    assert.equal(await cell('RNC', 'NNV01'), '2');
    assert.equal(await cell('RNC', 'RNC'), '5');
    assert.equal(await cell('RNM', 'RNM'), '1');
    assert.equal(await cell('RNM', 'RNV'), '0');
    assert.equal(await page.locator('#matrix-table tbody th[scope="row"]').count(), 5);
    await page.context().close();
  });

  test('clinical involvement: the frailty redesign has involved only GPs and managers', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, PAGE);
    await ready(page);
    const warning = 'Only GPs and managers have been involved in the design of frailty so far: no clinician from the services that provide it has been in the conversations.';
    assert.equal(await text(page.locator('#involvement-warning-frailty .nhsuk-card__description')), warning);
    assert.match(await text(page.locator('#involvement-warning-frailty h3')), /Frailty: only GPs and managers so far$/);
    const overview = await rows(page.locator('#involvement-overview'));
    assert.deepEqual(overview.find((r) => r[0] === 'Frailty'), ['Frailty', '2', '6', '0', '3 of 4', 'Only GPs and managers']);
    assert.deepEqual(overview.find((r) => r[0] === 'End of life'), ['End of life', '2', '7', '4', '2 of 6', 'Clinicians involved']);

    // Choose the pathway with the keyboard; the URL says what is shown.
    await page.getByLabel('A pathway or service under redesign').selectOption('pathway:frailty');
    await page.getByLabel('A pathway or service under redesign').press('Tab');
    await Promise.all([page.waitForURL(/pathway=frailty/), page.keyboard.press('Enter')]);
    await ready(page);
    assert.match(page.url(), /today=2026-12-02/);
    assert.equal(await text(page.locator('#involvement-detail h3')), 'Frailty');
    assert.equal(await text(page.locator('#involvement-warning .nhsuk-card__description')), warning);
    const who = await rows(page.locator('#involvement-specialties'));
    assert.deepEqual(who.map((r) => r[1]).sort(), ['GP commissioner', 'GP commissioner', 'Manager', 'Manager', 'Manager']);
    assert.ok(who.every((r) => r[1] !== 'Clinician'));
    const detailServices = await rows(page.locator('#involvement-services'));
    assert.deepEqual(detailServices.find((r) => r[0] === 'Frailty virtual ward'), ['Frailty virtual ward', 'Northvale Community Health NHS Trust', '2', '12 Nov 2026']);
    await checkPage(page, 'involvement in frailty');
    await page.locator('#involvement-detail').scrollIntoViewIfNeeded();
    await screenshot(page, 'relationships-involvement', false);
    await page.context().close();
  });

  test('a provider\'s map counts only what is shared with it; on a phone it fits', async () => {
    const page = await newPage(browser, server, { mobile: true });
    await signIn(page, server, PROVIDER, PAGE);
    await ready(page);
    // The acute trust sees conversations 2, 7 and 8: the hospice and the community trust only
    // through the end of life conversation shared with it, the mental health trust not at all.
    const providers = await rows(page.locator('#providers-table'));
    const rnm = providers.find((r) => r[0].startsWith('Northvale and Fellside Partnership'));
    assert.equal(rnm[2], 'Never');
    assert.equal(await page.locator('#matrix-table tr[data-org="RNM"]').count(), 0);
    await checkPage(page, 'relationships on a phone, as a provider');
    await screenshot(page, 'relationships-phone');
    await page.context().close();
  });
});
