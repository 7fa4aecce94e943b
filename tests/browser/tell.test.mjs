// The public's own stories: an anonymous visitor tells a story with two moments on tell.html; a
// commissioner moderates it on the moderation page; only once approved with public consent does
// it reach the public audience of /api/v1/experience/stories, and then in the moderated words.

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

const TOLD = 'Dr Emma Hart at Riverside sat with my father at 2am and explained everything.';
const MODERATED = 'A doctor at the hospital sat with my father in the night and explained everything.';

/** The stories of the public audience, as the signed-in page's own session may ask for them. */
async function publicStories(page) {
  return page.evaluate(async () => {
    const res = await fetch('/api/v1/experience/stories?audience=public', { credentials: 'same-origin' });
    return (await res.json()).stories;
  });
}

describe('the public tell their own stories', { timeout: 120000 }, () => {
  test('told anonymously, moderated, then public', async () => {
    const visitor = await newPage(browser, server);
    await visitor.goto(`${server.url}/tell.html`);
    await ready(visitor);
    assert.equal(visitor.url(), `${server.url}/tell.html`, 'no sign-in needed');
    await checkPage(visitor, 'tell');

    // Sending it empty names what is missing, each line a link to its field.
    await visitor.getByRole('button', { name: 'Send your story' }).click();
    const summary = visitor.locator('.nhsuk-error-summary');
    await summary.waitFor();
    assert.match(await text(summary), /Say who you are telling the story as.*Give your story a short title/);
    await summary.getByRole('link', { name: 'Give your story a short title' }).click();
    assert.equal(await visitor.evaluate(() => document.activeElement.id), 'title');

    await visitor.getByLabel('A carer, family member or friend').check();
    await visitor.getByLabel('What kind of care is it about?').selectOption({ label: 'End of life' });
    await visitor.getByLabel('A short title for your story').fill('The night before');
    await visitor.getByLabel('Your story', { exact: true }).fill(TOLD);

    // Moments by keyboard: add three, remove the middle one.
    const add = visitor.getByRole('button', { name: 'Add a moment' });
    await add.focus();
    await visitor.keyboard.press('Enter');
    assert.equal(await visitor.evaluate(() => document.activeElement.id), 'touchpoints-1-stage', 'focus moves to the new moment');
    await visitor.keyboard.type('At night');
    await visitor.getByLabel('One word for how it felt').fill('frightened');
    await visitor.locator('#touchpoints-1-valence').selectOption('-2');
    await add.click();
    await visitor.locator('#touchpoints-2-stage').fill('mistake');
    await add.click();
    await visitor.locator('#touchpoints-3-stage').fill('Last days');
    await visitor.locator('#touchpoints-3-emotion').fill('listened to');
    await visitor.locator('#touchpoints-3-valence').selectOption('2');
    await visitor.getByRole('button', { name: 'Remove moment 2' }).focus();
    await visitor.keyboard.press('Enter');
    assert.equal(await visitor.locator('.app-touchpoint').count(), 2);
    assert.equal(await visitor.locator('#touchpoints-2-stage').inputValue(), 'Last days', 'renumbered');
    assert.equal(await visitor.evaluate(() => document.activeElement.id), 'touchpoints-2-stage');

    await visitor.getByLabel('Yes, it may be published').check();
    await checkPage(visitor, 'tell, filled in');
    await screenshot(visitor, 'tell');
    await visitor.getByRole('button', { name: 'Send your story' }).click();
    await visitor.getByRole('heading', { name: 'Your story has been sent' }).waitFor();
    assert.match(await text(visitor.locator('#thanks')), /published only after that, and only if you agreed to it being public/);

    // The commissioner moderates it.
    const mod = await newPage(browser, server);
    await signIn(mod, server, COMMISSIONER);
    await ready(mod);
    assert.equal((await publicStories(mod)).filter((s) => s.title === 'The night before').length, 0, 'not public while pending');
    await mod.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Moderation' }).click();
    await ready(mod);
    const card = mod.locator('.app-moderation', { hasText: 'The night before' });
    assert.match(await text(card), /told by a carer on \d{4}-\d\d-\d\d · End of life · consent: may be published/);
    assert.match(await text(card), /Dr Emma Hart/);
    assert.match(await text(card), /at night: “frightened” \(very bad\).*last days: “listened to” \(very good\)/);
    await checkPage(mod, 'moderation');

    // Approving the teller's words unchanged is refused, saying why.
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.locator('.nhsuk-error-summary').waitFor();
    assert.match(await text(card.locator('.nhsuk-error-summary')), /unchanged: moderation must remove identifying details/);
    await card.getByLabel('Moderated version').fill(MODERATED);
    await screenshot(mod, 'moderation');
    await card.getByRole('button', { name: 'Approve' }).click();
    await mod.locator('#moderation-note', { hasText: 'approved' }).waitFor();
    assert.equal(await mod.locator('.app-moderation', { hasText: 'The night before' }).count(), 0);

    // The provider's response, recorded by the commissioner.
    const answer = mod.locator('.app-response', { hasText: 'The night before' });
    await answer.getByLabel('The provider’s response').fill('Night doctors now explain plans to families.');
    await answer.getByLabel('A change has been made').check();
    await answer.getByRole('button', { name: 'Save response' }).click();
    await mod.locator('#moderation-note', { hasText: 'is saved' }).waitFor();
    await checkPage(mod, 'moderation, after');

    const published = (await publicStories(mod)).filter((s) => s.title === 'The night before');
    assert.equal(published.length, 1);
    assert.equal(published[0].text, MODERATED);
    assert.equal(published[0].response, 'Night doctors now explain plans to families.');
    assert.equal(published[0].change, 'made');
    assert.equal(JSON.stringify(published).includes('Emma Hart'), false);
    assert.deepEqual(published[0].touchpoints.map((t) => [t.stage, t.emotion, t.valence]),
      [['at_night', 'frightened', -2], ['last_days', 'listened to', 2]]);
  });
});
