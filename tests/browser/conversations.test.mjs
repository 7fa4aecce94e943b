// The conversation log as a commissioner and as providers use it on the demo system
// (docs/conversations.md): a conversation logged through the form with the keyboard and the
// type-ahead, found again by a word in its notes, opened, an action set done; timelines per
// organisation and person; the open actions across the system; and providers who see only what
// is shared with their own organisation.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN, COMMISSIONER, PROVIDER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
} from './harness.mjs';

// A second provider, at the mental health trust: the demo shares one conversation with it.
const MH_PROVIDER = { email: 'mh-lead@example.nhs.uk', password: 'mental-health-password-4', role: 'provider', org: 'RNM' };

let server;
let browser;

before(async () => {
  server = await startServer([ADMIN, COMMISSIONER, PROVIDER, MH_PROVIDER]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await stopServer(server);
});

/** YYYY-MM-DD, `days` from today in the browser's time zone (the form's own default). */
async function dateFromToday(page, days) {
  return page.evaluate((d) => {
    const t = new Date();
    t.setDate(t.getDate() + d);
    const p = (n) => String(n).padStart(2, '0');
    return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
  }, days);
}

/** The ids of the conversations a timeline lists, in order. */
async function listedIds(page, selector = '#conversation-list') {
  return page.locator(`${selector} .app-timeline__item`).evaluateAll((lis) => lis.map((li) => Number(li.dataset.id)));
}

/** Calls the API from the page, as the signed-in user (with the CSRF token for writes). */
async function apiFromPage(page, path, method = 'GET', body = undefined) {
  return page.evaluate(async ({ path: p, method: m, body: b }) => {
    const s = await (await fetch('/api/v1/session')).json();
    const res = await fetch(p, {
      method: m,
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
      body: b === undefined ? undefined : JSON.stringify(b),
    });
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }, { path, method, body });
}

describe('conversations pages', { timeout: 240000 }, () => {
  let loggedId = 0;

  test('a commissioner logs a conversation with the keyboard and the type-ahead', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Conversations' }).click();
    await ready(page);
    assert.match(await text(page.locator('#results-heading')), /^9 conversations$/);
    await page.getByRole('link', { name: 'Log a conversation' }).click();
    await ready(page);
    assert.match(await text(page.locator('h1')), /Log a conversation$/);

    // The defaults: today, face to face, commissioners only; the title has the focus.
    assert.equal(await page.getByLabel('Held on').inputValue(), await dateFromToday(page, 0));
    assert.equal(await page.getByLabel('Face to face').isChecked(), true);
    assert.equal(await page.getByLabel('Commissioners only').isChecked(), true);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'title');
    await page.keyboard.type('Hospice at home: weekend cover');

    // People by type-ahead: a unique match is chosen with Enter; the palliative care consultant
    // is on the provider side and brings the hospice into the organisations.
    const people = page.getByRole('combobox', { name: 'Who was there' });
    await people.focus();
    await page.keyboard.type('eleanor');
    const options = page.locator('#people-input-listbox [role="option"]');
    assert.deepEqual(await options.allInnerTexts(), ["Dr Eleanor Hughes\nPalliative medicine, St Aidan's Hospice, Calderbridge"]);
    assert.equal(await people.getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('Enter');
    assert.equal(await people.inputValue(), '', 'the input empties for the next person');
    assert.equal(await people.getAttribute('aria-expanded'), 'false');
    // Several matches: ArrowDown moves through them (best first), Enter picks the highlighted one.
    await page.keyboard.type('general practice');
    assert.ok((await options.count()) >= 3, 'several GPs match');
    const firstGp = (await options.first().innerText()).split('\n')[0];
    await page.keyboard.press('ArrowDown');
    assert.equal(await options.first().getAttribute('aria-selected'), 'true');
    assert.equal(await people.getAttribute('aria-activedescendant'), 'people-input-option-0');
    await page.keyboard.press('Enter');
    const picked = page.locator('#people-picked .app-picked__item');
    assert.equal(await picked.count(), 2);
    assert.match(await text(picked.nth(0)), /^Dr Eleanor Hughes – Palliative medicine/);
    assert.equal(await page.getByLabel('Side of Dr Eleanor Hughes').inputValue(), 'provider');
    assert.equal(await page.getByLabel(`Side of ${firstGp}`).inputValue(), 'commissioner');
    assert.deepEqual(await page.locator('#orgs-picked .app-picked__item').evaluateAll((l) => l.map((e) => e.dataset.org)), ['NNV01']);
    // Escape closes the list; Enter with nothing highlighted never submits the form.
    await page.keyboard.type('zzz');
    await page.keyboard.press('Enter');
    assert.match(page.url(), /new=1/);
    assert.match(await text(page.locator('#people-input-status')), /Nothing matches/);
    await people.fill('');

    // An organisation by type-ahead, then the acute trust's consultant moved to the other side
    // would be a mistake: leave the sides as they are.
    const orgInput = page.getByRole('combobox', { name: 'Organisations taking part' });
    await orgInput.focus();
    await page.keyboard.type('hospitals');
    await page.keyboard.press('Enter');
    assert.deepEqual(await page.locator('#orgs-picked .app-picked__item').evaluateAll((l) => l.map((e) => e.dataset.org)), ['NNV01', 'RNV']);

    await page.getByLabel('Concerns').fill('Weekend cover for hospice at home is thin');
    await page.getByLabel('Notes').fill([
      'The **rota** gap is worst on Sundays; a kingfisher of a problem.',
      '',
      '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">',
      '[a link](javascript:window.pwned=3) and [the hospice](https://example.org/hospice)',
    ].join('\n'));
    await page.getByRole('button', { name: 'Add an action' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'action-1-description');
    await page.keyboard.type('Ask the hospice for Sunday rota numbers');
    await page.getByLabel('Who', { exact: true }).selectOption('p-0016');
    const due = await dateFromToday(page, 30);
    await page.getByLabel('By when').fill(due);
    await page.getByLabel('Shared with the organisations taking part').check();
    assert.match(await text(page.locator('#shared-with')), /^Shared with St Aidan's Hospice, Calderbridge, Northvale Hospitals NHS Foundation Trust\.$/);
    await checkPage(page, 'the form, filled in');
    await screenshot(page, 'conversation-form');

    await Promise.all([page.waitForURL(/conversations\.html\?id=\d+&saved=1$/), page.getByRole('button', { name: 'Save conversation' }).click()]);
    await ready(page);
    loggedId = Number(new URL(page.url()).searchParams.get('id'));
    assert.equal(loggedId, 10, 'after the demo\'s nine');
    assert.match(await text(page.locator('#detail-message')), /The conversation is saved/);
    assert.match(await text(page.locator('h1')), /Hospice at home: weekend cover$/);
    assert.match(await text(page.locator('#conversation-summary')), /Who sees it Shared with St Aidan's Hospice, Calderbridge, Northvale Hospitals NHS Foundation Trust/);

    // The stored conversation is what was typed.
    const stored = (await apiFromPage(page, `/api/v1/conversations/${loggedId}`)).body;
    assert.equal(stored.held_on, await dateFromToday(page, 0));
    assert.equal(stored.mode, 'face_to_face');
    assert.equal(stored.visibility, 'shared');
    assert.deepEqual(stored.organisations, ['NNV01', 'RNV']);
    assert.deepEqual(stored.participants.map((p) => [p.name, p.side]).sort(), [['Dr Eleanor Hughes', 'provider'], [firstGp, 'commissioner']].sort());
    assert.deepEqual(stored.actions.map((a) => [a.description, a.owner, a.due, a.status]), [['Ask the hospice for Sunday rota numbers', 'p-0016', due, 'open']]);
    await page.context().close();
  });

  test('the form says what is wrong and links to the field', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/conversations.html?new=1');
    await ready(page);
    await page.getByRole('button', { name: 'Save conversation' }).click();
    const summary = page.locator('#form-errors .nhsuk-error-summary');
    await summary.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.closest('#form-errors') !== null), true, 'the summary has the focus');
    assert.deepEqual(await summary.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])), [['Enter what it was about', '#title']]);

    // A name typed but never picked from the list is not silently dropped.
    await page.getByRole('combobox', { name: 'Who was there' }).fill('Dr Nobody');
    await page.getByRole('button', { name: 'Save conversation' }).click();
    await summary.locator('a[href="#people-input"]').waitFor();
    assert.match(await text(summary), /Choose "Dr Nobody" from the list of people, or clear the box/);
    await page.getByRole('combobox', { name: 'Who was there' }).fill('');

    // The server's own checks come back the same way: an action with a date but no description.
    await page.getByLabel('What it was about').fill('Half-typed');
    await page.getByRole('button', { name: 'Add an action' }).click();
    await page.getByLabel('By when').fill('2026-12-31');
    await page.getByRole('button', { name: 'Save conversation' }).click();
    await summary.locator('a[href="#action-1-description"]').waitFor();
    assert.match(await text(summary), /actions\[0\]: description: required/);
    await summary.locator('a').click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'action-1-description');
    assert.match(page.url(), /new=1/, 'nothing was saved');
    const list = await apiFromPage(page, '/api/v1/conversations?limit=500');
    assert.equal(list.body.items.filter((c) => c.title === 'Half-typed').length, 0);
    await checkPage(page, 'the form with errors');
    await page.context().close();
  });

  test('search finds it by a word in its notes; it opens with its notes made safe; an action is set done', async () => {
    assert.ok(loggedId > 0, 'the conversation was logged');
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/conversations.html');
    await ready(page);
    await page.getByLabel('Words in the notes, concerns or ideas').fill('kingfisher');
    await Promise.all([page.waitForURL(/q=kingfisher/), page.getByRole('button', { name: 'Search' }).click()]);
    await ready(page);
    assert.equal(await text(page.locator('#results-heading')), '1 conversation with "kingfisher"');
    assert.deepEqual(await listedIds(page), [loggedId]);
    assert.deepEqual(await page.locator('#conversation-list mark').allInnerTexts(), ['kingfisher']);
    await checkPage(page, 'search results');
    await screenshot(page, 'conversations-search');

    await page.getByRole('link', { name: 'Hospice at home: weekend cover' }).click();
    await ready(page);
    const notes = page.locator('#notes .app-notes');
    assert.equal(await text(notes.locator('strong')), 'rota');
    assert.equal(await notes.locator('script, img, [onerror]').count(), 0, 'no raw HTML gets through');
    assert.deepEqual(await notes.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))), ['https://example.org/hospice']);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await text(page.locator('#participants .app-side').nth(1).locator('li')), "Dr Eleanor Hughes – Clinician, Palliative medicine (St Aidan's Hospice, Calderbridge)");

    // Set the action done with the keyboard: its status select, then its button.
    await page.getByLabel('Status of action 1: Ask the hospice for Sunday rota numbers').selectOption('done');
    await page.getByLabel('Status of action 1: Ask the hospice for Sunday rota numbers').press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#detail-message p');
    assert.equal(await text(page.locator('#detail-message')), 'Action 1 is now done.');
    assert.equal(await text(page.locator('#actions-table .app-action-status')), 'Done');
    const stored = (await apiFromPage(page, `/api/v1/conversations/${loggedId}`)).body;
    assert.equal(stored.actions[0].status, 'done');
    await checkPage(page, 'one conversation');
    await screenshot(page, 'conversation-detail');
    await page.context().close();
  });

  test('timelines per organisation and per person; the organisation page shows its conversations', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/org.html?code=RNM');
    await ready(page);
    assert.equal(await text(page.locator('#conversations')), 'Conversations');
    assert.deepEqual(await listedIds(page, '#org-conversations'), [1]);
    assert.equal(await text(page.locator('#org-conversations .app-timeline__title')), 'Crisis care: waits for a first assessment');
    await checkPage(page, 'organisation page with conversations');
    await page.getByRole('link', { name: /^Log a conversation with / }).click();
    await ready(page);
    assert.deepEqual(await page.locator('#orgs-picked .app-picked__item').evaluateAll((l) => l.map((e) => e.dataset.org)), ['RNM']);
    await page.goBack();
    await ready(page);
    await page.getByRole('link', { name: /^All 1 conversation with / }).click();
    await ready(page);
    assert.match(await text(page.locator('h1')), /Conversations with Northvale and Fellside Partnership NHS Foundation Trust$/);
    assert.deepEqual(await listedIds(page), [1]);

    // Dr Eleanor Hughes took part in the end of life chain (2 and 3), newest first.
    await page.goto(`${server.url}/conversations.html?person=p-0016`);
    await ready(page);
    assert.match(await text(page.locator('h1')), /Conversations with Dr Eleanor Hughes$/);
    assert.match(await text(page.locator('#person-summary')), /^Clinician, Palliative medicine, St Aidan's Hospice, Calderbridge$/);
    const ids = await listedIds(page);
    assert.deepEqual(ids.filter((id) => id <= 9), [3, 2]);
    assert.deepEqual((await page.locator('.app-timeline__month').allInnerTexts()).slice(-2), ['Oct 2026', 'Sep 2026'], 'a heading for each month');
    await checkPage(page, 'a person\'s timeline');
    await page.context().close();
  });

  test('open actions and overdue follow-ups across the system', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER, '/conversations.html');
    await ready(page);
    const rows = page.locator('#open-actions-table tbody tr');
    const crisis = rows.filter({ hasText: 'Share crisis line call and wait data' });
    assert.match(await text(crisis), /31 Jul 2026 Overdue/);
    assert.match(await text(crisis), /Dr Hannah Fielding/);
    const follow = page.locator('#follow-ups-table tbody tr').filter({ hasText: 'Crisis care: waits for a first assessment' });
    assert.match(await text(follow), /15 Aug 2026 Overdue/);
    const before = await rows.count();
    await page.getByRole('button', { name: 'Mark done: Book the walk-round' }).click();
    await page.waitForSelector('#open-actions-message p');
    assert.equal(await text(page.locator('#open-actions-message')), 'Done: Book the walk-round.');
    assert.equal(await rows.count(), before - 1);
    assert.equal(await rows.filter({ hasText: 'Book the walk-round' }).count(), 0);
    await checkPage(page, 'open actions');
    await page.context().close();
  });

  test('a provider sees only the conversations shared with its organisation, and changes nothing', async () => {
    // A conversation shared with the mental health trust only, and one for commissioners.
    const commissioner = await newPage(browser, server);
    await signIn(commissioner, server, COMMISSIONER);
    const mh = await apiFromPage(commissioner, '/api/v1/conversations', 'POST', {
      held_on: '2026-11-30', title: 'Crisis café referrals', participants: [{ person: 'p-0021' }], organisations: ['RNM'], visibility: 'shared',
    });
    assert.equal(mh.status, 201);
    await commissioner.context().close();

    const page = await newPage(browser, server);
    await signIn(page, server, PROVIDER, '/conversations.html');
    await ready(page);
    const ids = await listedIds(page);
    for (const id of [2, 7, 8]) assert.ok(ids.includes(id), `the acute trust sees conversation ${id}`);
    for (const id of [1, 3, 4, 5, 6, 9, mh.body.id]) assert.ok(!ids.includes(id), `the acute trust does not see conversation ${id}`);
    assert.equal(await page.getByRole('link', { name: 'Log a conversation' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /^Mark done/ }).count(), 0);
    await checkPage(page, 'conversations as a provider');

    // One it may see: read-only. One it may not: not found, as if it did not exist.
    await page.goto(`${server.url}/conversations.html?id=7`);
    await ready(page);
    assert.equal(await page.locator('#actions-table select').count(), 0);
    assert.equal(await page.locator('#log-follow-up').count(), 0);
    await page.goto(`${server.url}/conversations.html?id=5`);
    await page.waitForSelector('.nhsuk-error-summary');
    assert.equal(await text(page.locator('h1')), 'Page not found');
    assert.match(await text(page.locator('.nhsuk-error-summary')), /There is no conversation 5, or it is not shared with you/);
    await page.goto(`${server.url}/conversations.html?new=1`);
    await page.waitForSelector('.nhsuk-error-summary');
    assert.equal(await text(page.locator('h1')), 'You cannot see this page');
    await page.context().close();

    const other = await newPage(browser, server);
    await signIn(other, server, MH_PROVIDER, '/conversations.html');
    await ready(other);
    assert.deepEqual(await listedIds(other), [mh.body.id, 1]);
    await other.context().close();
  });

  test('signed out, the page sends you to sign in', async () => {
    const page = await newPage(browser, server);
    await page.goto(`${server.url}/conversations.html?id=2`);
    await page.waitForURL(/\/login\.html\?next=/);
    assert.equal(new URL(page.url()).searchParams.get('next'), '/conversations.html?id=2');
    await page.context().close();
  });

  test('on a phone: the list, the form and one conversation fit the screen', async () => {
    const page = await newPage(browser, server, { mobile: true });
    await signIn(page, server, COMMISSIONER, '/conversations.html');
    await ready(page);
    await checkPage(page, 'conversations on a phone');
    await screenshot(page, 'conversations-phone');
    await page.goto(`${server.url}/conversations.html?new=1&parent=3`);
    await ready(page);
    assert.match(await text(page.locator('#follows')), /^Following up End of life care: what the out-of-hours week showed\.$/);
    assert.equal(await page.locator('#people-picked .app-picked__item').count(), 5, 'the people of the conversation it follows');
    await checkPage(page, 'the form on a phone');
    await screenshot(page, 'conversation-form-phone');
    await page.goto(`${server.url}/conversations.html?id=3`);
    await ready(page);
    await checkPage(page, 'one conversation on a phone');
    await screenshot(page, 'conversation-detail-phone');
    await page.context().close();
  });
});
