// layout: the parts every page shares: the NHS header with the signed-in user and sign-out, the
// breadcrumbs, the footer, tables, and how an error is shown.

import { initAll } from '/vendor/nhsuk-frontend/nhsuk/nhsuk-frontend.min.js';
import { ApiError, api, loadSession, redirectToLogin, signOut } from './api.js';
import { h, replace } from './dom.js';

const SERVICE = 'unlock';

const NHS_LOGO_PATH = 'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';
const USER_ICON_PATH = 'M12 1a11 11 0 1 1 0 22 11 11 0 0 1 0-22Zm0 2a9 9 0 0 0-5 16.5V18a4 4 0 0 1 4-4h2a4 4 0 0 1 4 4v1.5A9 9 0 0 0 12 3Zm0 3a3.5 3.5 0 1 1-3.5 3.5A3.4 3.4 0 0 1 12 6Z';

const NAV = [
  { href: 'index.html', text: 'Home', match: /\/(index\.html)?$|\/org\.html|\/indicator\.html/ },
  { href: 'opportunities.html', text: 'Opportunities', match: /\/opportunities\.html/ },
  { href: 'conversations.html', text: 'Conversations', match: /\/conversations\.html/ },
  { href: 'relationships.html', text: 'Relationships', match: /\/relationships\.html/ },
  { href: 'reviews.html', text: 'Contract reviews', match: /\/reviews\.html/ },
  { href: 'measure.html', text: 'Prescribing', match: /\/measure\.html/ },
  { href: 'programme.html', text: 'Programmes', match: /\/programme\.html/, roles: ['admin', 'commissioner'] },
  { href: 'moderation.html', text: 'Moderation', match: /\/moderation\.html/, roles: ['admin', 'commissioner'] },
  { href: 'learning.html', text: 'Learning set', match: /\/learning\.html/, roles: ['admin', 'commissioner'] },
  { href: 'import.html', text: 'Import data', match: /\/import\.html/ },
];

function logo() {
  return h('svg', {
    class: 'nhsuk-header__logo', xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 200 80',
    height: '40', width: '100', focusable: 'false', role: 'img', 'aria-label': 'NHS',
  }, h('title', {}, 'NHS'), h('path', { fill: 'currentcolor', d: NHS_LOGO_PATH }));
}

/** The NHS header; with a user, the account area (who, role, sign out) and the navigation. */
export function renderHeader(user) {
  const service = h('div', { class: 'nhsuk-header__service' },
    h('a', { class: 'nhsuk-header__service-logo', href: user ? 'index.html' : 'login.html', 'aria-label': `NHS ${SERVICE} homepage` },
      logo(),
      h('span', { class: 'nhsuk-header__service-name' }, SERVICE)));
  const container = h('div', { class: 'nhsuk-header__container nhsuk-width-container' }, service);
  const header = h('header', { class: 'nhsuk-header', 'data-module': 'nhsuk-header', role: 'banner' }, container);

  if (user) {
    const signOutButton = h('button', { class: 'nhsuk-header__account-button', type: 'submit', id: 'sign-out' }, 'Sign out');
    const form = h('form', {
      class: 'nhsuk-header__account-form', action: 'login.html', method: 'get', novalidate: true,
      on: {
        submit: async (ev) => {
          ev.preventDefault();
          signOutButton.disabled = true;
          try {
            await signOut();
          } catch {
            // Signed out or not, the browser leaves this page.
          }
          window.location.assign('login.html?signed_out=1');
        },
      },
    }, signOutButton);
    const who = [user.email];
    container.append(h('nav', { class: 'nhsuk-header__account', 'aria-label': 'Account' },
      h('ul', { class: 'nhsuk-header__account-list' },
        h('li', { class: 'nhsuk-header__account-item', id: 'signed-in-user' },
          h('svg', { class: 'nhsuk-icon nhsuk-icon--user', xmlns: 'http://www.w3.org/2000/svg', viewBox: '0 0 24 24', width: '16', height: '16', focusable: 'false', 'aria-hidden': 'true' },
            h('path', { d: USER_ICON_PATH })),
          who.join(''),
          h('span', { class: 'app-account-role' }, ` (${user.role}${user.org ? `, ${user.org}` : ''})`)),
        h('li', { class: 'nhsuk-header__account-item' },
          h('a', { class: 'nhsuk-header__account-link', href: 'alerts.html', id: 'alerts-link' }, 'Alerts')),
        // Managing accounts sits with the account, not in the menu of the work itself (where an
        // eleventh item would fall under "More").
        user.role === 'admin'
          ? h('li', { class: 'nhsuk-header__account-item' },
            h('a', { class: 'nhsuk-header__account-link', href: 'admin.html', 'aria-current': /\/admin\.html/.test(window.location.pathname) ? 'page' : null }, 'Users'))
          : null,
        h('li', { class: 'nhsuk-header__account-item' }, form))));
    showUnread();

    const path = window.location.pathname;
    const items = NAV.filter((n) => (!n.role || n.role === user.role) && (!n.roles || n.roles.includes(user.role))).map((n) => {
      const current = n.match.test(path);
      return h('li', { class: 'nhsuk-header__navigation-item' + (current ? ' nhsuk-header__navigation-item--current' : '') },
        h('a', { class: 'nhsuk-header__navigation-link', href: n.href, 'aria-current': current ? 'page' : null }, n.text));
    });
    items.push(h('li', { class: 'nhsuk-header__menu', hidden: true },
      h('button', { class: 'nhsuk-header__menu-toggle nhsuk-header__navigation-link', id: 'toggle-menu', 'aria-expanded': 'false' },
        h('span', { class: 'nhsuk-u-visually-hidden' }, 'Browse '), 'More')));
    header.append(h('nav', { class: 'nhsuk-header__navigation', 'aria-label': 'Menu' },
      h('div', { class: 'nhsuk-header__navigation-container nhsuk-width-container' },
        h('ul', { class: 'nhsuk-header__navigation-list' }, items))));
  }
  return header;
}

/** The inbox link says how many alerts are unread; without an answer it just says Alerts. */
async function showUnread() {
  try {
    const data = await api('/alerts', { redirect401: false });
    const link = document.getElementById('alerts-link');
    if (link && data.unread > 0) replace(link, `Alerts (${data.unread} unread)`);
  } catch {
    // The link works without its count.
  }
}

function renderFooter() {
  return h('footer', { role: 'contentinfo' },
    h('div', { class: 'nhsuk-footer' },
      h('div', { class: 'nhsuk-width-container' },
        h('div', { class: 'nhsuk-footer__meta' },
          h('p', { class: 'nhsuk-body-s' }, 'unlock: a commissioning workbench for NHS local health systems. Demo data is fictional.')))));
}

/**
 * Starts a page: makes sure someone is signed in (else goes to the sign-in page), draws the
 * header and footer, and returns the user. opts.public: the page works signed out (sign-in).
 */
export async function startPage(opts = {}) {
  document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
  let user = null;
  try {
    user = await loadSession();
  } catch (e) {
    mountChrome(null);
    showPageError(e);
    throw e;
  }
  if (!user && !opts.public) {
    redirectToLogin();
    throw new ApiError(401, 'Not signed in');
  }
  mountChrome(user);
  return user;
}

function mountChrome(user) {
  const slot = document.getElementById('app-header');
  if (slot) slot.replaceWith(renderHeader(user));
  const foot = document.getElementById('app-footer');
  if (foot) foot.replaceWith(renderFooter());
  try {
    initAll();
  } catch {
    // The header works without its "More" menu.
  }
}

/** Breadcrumbs: [{text, href}] for the trail; the current page is not repeated. */
export function breadcrumbs(trail) {
  const slot = document.getElementById('app-breadcrumbs');
  if (!slot || trail.length === 0) return;
  const last = trail[trail.length - 1];
  slot.replaceWith(h('nav', { class: 'nhsuk-breadcrumb', 'aria-label': 'Breadcrumb', id: 'app-breadcrumbs' },
    h('ol', { class: 'nhsuk-breadcrumb__list' },
      trail.map((t) => h('li', { class: 'nhsuk-breadcrumb__list-item' },
        h('a', { class: 'nhsuk-breadcrumb__link', href: t.href }, t.text)))),
    h('a', { class: 'nhsuk-back-link', href: last.href },
      h('span', { class: 'nhsuk-u-visually-hidden' }, 'Back to '), last.text)));
}

/** Sets the page's h1 and the document title. */
export function setTitle(text, caption) {
  const h1 = document.querySelector('main h1');
  if (h1) {
    replace(h1, caption ? h('span', { class: 'nhsuk-caption-l' }, caption, h('span', { class: 'nhsuk-u-visually-hidden' }, ' – ')) : null, text);
  }
  document.title = `${text} – ${SERVICE}`;
}

/** A message box for an error that stops the whole page. */
export function showPageError(err) {
  const main = document.getElementById('maincontent');
  if (!main) return;
  const status = err instanceof ApiError ? err.status : 0;
  const heading = status === 404 ? 'Page not found' : status === 403 ? 'You cannot see this page' : 'Sorry, there is a problem';
  const content = document.getElementById('content') || main;
  replace(content, errorBox(heading, err.message || String(err)));
  const h1 = main.querySelector('h1');
  if (h1) replace(h1, heading);
  document.title = `${heading} – ${SERVICE}`;
}

/** An NHS error summary (role=alert) with a heading and lines of text or nodes. */
export function errorBox(heading, ...lines) {
  return h('div', { class: 'nhsuk-error-summary', tabindex: '-1' },
    h('div', { role: 'alert' },
      h('h2', { class: 'nhsuk-error-summary__heading' }, heading),
      h('div', { class: 'nhsuk-error-summary__body' }, lines.map((l) => (l instanceof Node ? l : h('p', {}, l))))));
}

/** An inset note, for "nothing to show" and partial failures inside a page. */
export function inset(...children) {
  return h('div', { class: 'nhsuk-inset-text' }, h('span', { class: 'nhsuk-u-visually-hidden' }, 'Information: '), h('p', {}, ...children));
}

/**
 * A table. columns: [{title, value: row => text|Node, numeric}]; caption for screen readers
 * and the eye (opts.hiddenCaption: for screen readers only, when a heading says the same);
 * opts.id; opts.rowClass(row); opts.rowHeaders (the first column heads its row). On a phone it
 * becomes the NHS design system's responsive table: each row a block, each cell with its
 * column's heading. Wrapped so that a wide table scrolls sideways rather than the page.
 */
export function table(caption, columns, rows, opts = {}) {
  const t = h('table', { class: 'nhsuk-table-responsive', role: 'table', id: opts.id || null },
    caption ? h('caption', { class: 'nhsuk-table__caption' + (opts.captionSize ? ` nhsuk-table__caption--${opts.captionSize}` : '') + (opts.hiddenCaption ? ' nhsuk-u-visually-hidden' : '') }, caption) : null,
    h('thead', { class: 'nhsuk-table__head', role: 'rowgroup' },
      h('tr', { class: 'nhsuk-table__row', role: 'row' },
        columns.map((c) => h('th', { class: 'nhsuk-table__header' + (c.numeric ? ' app-num' : ''), scope: 'col', role: 'columnheader' }, c.title)))),
    h('tbody', { class: 'nhsuk-table__body' },
      rows.map((r) => h('tr', { class: 'nhsuk-table__row' + (opts.rowClass ? ` ${opts.rowClass(r) || ''}` : ''), role: 'row' },
        columns.map((c, i) => {
          const cell = [h('span', { class: 'nhsuk-table-responsive__heading', 'aria-hidden': 'true' }, `${c.title} `), h('span', { class: 'app-cell' }, c.value(r))];
          if (i === 0 && opts.rowHeaders) return h('th', { class: 'nhsuk-table__header' + (c.numeric ? ' app-num' : ''), scope: 'row', role: 'rowheader' }, cell);
          return h('td', { class: 'nhsuk-table__cell' + (c.numeric ? ' app-num' : ''), role: 'cell' }, cell);
        })))));
  return h('div', { class: 'app-table-scroll' }, t);
}

/** Renders a section into `el`, turning a failure into an inset note rather than a broken page. */
export async function section(el, what, fn) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    replace(el, inset(`Could not load ${what}: ${e.message || e}`));
  }
}
