// The learning set: sessions and members from the demo; a reflection written about a project is
// private to its author until shared, and then the rest of the set can read it.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN, COMMISSIONER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
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

const WORDS = 'I went in with a solution; next time I will start with their funnel plot and listen.';

describe('learning set', { timeout: 120000 }, () => {
  test('a reflection is private until its author shares it', async () => {
    const mine = await newPage(browser, server);
    await signIn(mine, server, COMMISSIONER);
    await ready(mine);
    await mine.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Learning set' }).click();
    await ready(mine);
    assert.equal(await mine.locator('#sessions-table tbody tr').count(), 3);
    assert.match(await text(mine.locator('#members')), /^Members \(7\)$/);
    assert.match(await text(mine.locator('#members-list')), /Ruth Ashworth \(facilitator\)/);

    await mine.getByLabel('Session').selectOption({ label: '2024-07-18: Conversations across boundaries' });
    await mine.getByLabel('About a project (optional)').selectOption({ label: 'One number day and night' });
    await mine.getByLabel('What you noticed, and what you will do differently').fill(WORDS);
    await mine.getByRole('button', { name: 'Save reflection' }).click();
    await mine.getByText('Only you can read it until you share it.').waitFor();
    const item = mine.locator('.app-reflection', { hasText: WORDS });
    assert.match(await text(item), /Conversations across boundaries – you, .* Private · about One number day and night/);
    await checkPage(mine, 'learning set');
    await screenshot(mine, 'learning');

    // Another member of the set does not see it ...
    const other = await newPage(browser, server);
    await signIn(other, server, ADMIN, '/learning.html');
    await ready(other);
    assert.equal(await other.locator('.app-reflection', { hasText: WORDS }).count(), 0);

    // ... until its author shares it.
    await item.getByRole('button', { name: 'Share with the set' }).click();
    await mine.locator('.app-reflection', { hasText: WORDS }).getByText('Shared with the set').waitFor();
    await other.reload();
    await ready(other);
    const shared = other.locator('.app-reflection', { hasText: WORDS });
    assert.equal(await shared.count(), 1);
    assert.match(await text(shared), /commissioner@example\.nhs\.uk/);
    assert.equal(await shared.getByRole('button').count(), 0, 'only the author can change it');
  });
});
