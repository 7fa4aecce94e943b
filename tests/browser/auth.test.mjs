// Signing in and out in a real browser: the redirect to the sign-in page, a failed sign-in,
// coming back to the page asked for, signing out, and what each role is shown.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADMIN, COMMISSIONER, PROVIDER, checkPage, launchBrowser, newPage, ready, screenshot, signIn, startServer, stopServer, text,
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

describe('signing in', { timeout: 120000 }, () => {
  test('a page asked for while signed out goes to the sign-in page, and back after it', async () => {
    const page = await newPage(browser, server);
    await page.goto(`${server.url}/org.html?code=RNV`);
    await page.waitForURL(/\/login\.html\?next=/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('next'), '/org.html?code=RNV');
    assert.equal(await text(page.locator('h1')), 'Sign in to unlock');
    await checkPage(page, 'sign-in page');
    await screenshot(page, 'login');

    await page.getByLabel('Email address').fill(COMMISSIONER.email);
    await page.getByLabel('Password').fill(COMMISSIONER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/org\.html\?code=RNV$/);
    await ready(page);
    assert.match(await text(page.locator('h1')), /Northvale Hospitals NHS Foundation Trust$/);
    await page.context().close();
  });

  test('a wrong password is refused with a message by the field and in a summary', async () => {
    const page = await newPage(browser, server);
    await page.goto(`${server.url}/login.html`);
    await page.getByLabel('Email address').fill(COMMISSIONER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    assert.match(await text(summary), /There is a problem/);
    assert.match(await text(summary), /The email address or password is not right/);
    const fieldError = page.locator('#password-error');
    assert.ok(await fieldError.isVisible());
    assert.match(await text(fieldError), /The email address or password is not right/);
    assert.equal(await page.locator('#password').getAttribute('aria-describedby'), 'password-error');
    assert.match(page.url(), /\/login\.html$/);
    // Still signed out: the API says so.
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(status, 401);
    await checkPage(page, 'failed sign-in');
    await screenshot(page, 'login-failed');
    await page.context().close();
  });

  test('empty fields are named before anything is sent', async () => {
    const page = await newPage(browser, server);
    await page.goto(`${server.url}/login.html`);
    let posted = false;
    page.on('request', (r) => { if (r.method() === 'POST') posted = true; });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    assert.match(await text(page.locator('#email-error')), /Enter your email address/);
    assert.match(await text(page.locator('#password-error')), /Enter your password/);
    assert.equal(posted, false);
    // The summary's links take the keyboard to the field.
    await page.getByRole('link', { name: 'Enter your email address' }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'email');
    await page.context().close();
  });

  test('signing out ends the session and pages ask to sign in again', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    assert.match(await text(page.locator('#signed-in-user')), /commissioner@example\.nhs\.uk/);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login\.html\?signed_out=1$/);
    await page.locator('#signed-out').waitFor();
    assert.match(await text(page.locator('#signed-out')), /You have signed out/);
    await screenshot(page, 'signed-out');
    const status = await page.evaluate(async () => (await fetch('/api/v1/session')).status);
    assert.equal(status, 401);
    await page.goto(`${server.url}/index.html`);
    await page.waitForURL(/\/login\.html\?next=%2Findex\.html$/);
    await page.context().close();
  });

  test('after too many wrong passwords the page says to wait', async () => {
    const page = await newPage(browser, server);
    await page.goto(`${server.url}/login.html`);
    // Five wrong passwords for one account (the provider's, used by no other test here)...
    const statuses = await page.evaluate(async (email) => {
      const out = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch('/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: `wrong-${i}` }) });
        out.push(r.status);
      }
      return out;
    }, PROVIDER.email);
    assert.ok(statuses.every((s) => s === 401 || s === 429), `statuses: ${statuses}`);
    // ...and then even the right one is refused for a while, with a message saying so.
    await page.getByLabel('Email address').fill(PROVIDER.email);
    await page.getByLabel('Password').fill(PROVIDER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await summary.waitFor();
    assert.match(await text(summary), /too many/i);
    assert.match(await text(summary), /try again/i);
    assert.match(page.url(), /\/login\.html$/);
    await screenshot(page, 'login-too-many');
    await page.context().close();
  });

  test('only administrators see the users page', async () => {
    const page = await newPage(browser, server);
    await signIn(page, server, COMMISSIONER);
    await ready(page);
    // Managing users is with the account links, for administrators only.
    const nav = page.getByRole('navigation', { name: 'Account' });
    assert.equal(await nav.getByRole('link', { name: 'Alerts' }).count(), 1);
    assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0);
    await page.goto(`${server.url}/admin.html`);
    await ready(page);
    assert.match(await text(page.locator('#content')), /Only administrators can manage users/);
    assert.equal(await page.locator('#users-table').count(), 0);
    await page.context().close();

    const adminPage = await newPage(browser, server);
    await signIn(adminPage, server, ADMIN);
    await ready(adminPage);
    await adminPage.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Users' }).click();
    await adminPage.waitForURL(/\/admin\.html$/);
    await ready(adminPage);
    await adminPage.locator('#users-table').waitFor();
    await adminPage.context().close();
  });
});
