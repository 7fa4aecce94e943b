// relationships.html: where conversations have and have not been happening. Per provider,
// specialty and service: the last conversation, conversations in the window (90 days unless
// ?days=), open and overdue actions; the gaps, highlighted; who has talked with whom, drawn and as
// an organisation × organisation table; and clinical involvement per pathway. ?today=YYYY-MM-DD
// looks at the map as of that day (the API's own parameter), so that what it shows can be checked.

import { api, listAll } from './api.js';
import { formatMoney, formatNumber, formatPeriod, h, orgKindName, pageUrl, param, pathwayName, replace } from './dom.js';
import { inset, section, setTitle, showPageError, startPage, table } from './layout.js';
import { overdueTag } from './conversation_view.js';
import { renderInvolvement } from './involvement.js';

const content = document.getElementById('content');

function orgLink(code, name) {
  return h('a', { href: pageUrl('org.html', { code }) }, name || code);
}

function lastTalked(date, daysSince) {
  if (!date) return 'Never';
  return h('span', { class: 'app-nowrap' }, formatPeriod(date), daysSince !== undefined && daysSince !== null ? h('span', { class: 'app-muted' }, ` (${formatNumber(daysSince, 0)} days)`) : null);
}

function gapTag() {
  return h('strong', { class: 'nhsuk-tag nhsuk-tag--red' }, 'Gap');
}

function windowForm(r) {
  const today = param('today');
  return h('form', { id: 'window-form', method: 'get', action: 'relationships.html', class: 'app-controls' },
    today ? h('input', { type: 'hidden', name: 'today', value: today }) : null,
    h('div', { class: 'nhsuk-form-group' },
      h('label', { class: 'nhsuk-label', for: 'days' }, 'A gap is no conversation in (days)'),
      h('input', { class: 'nhsuk-input nhsuk-input--width-4', id: 'days', name: 'days', type: 'text', inputmode: 'numeric', value: String(r.days) })),
    h('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'submit', id: 'window-show' }, 'Show'));
}

function gapsSection(r, names) {
  const gaps = r.gaps || [];
  const specialtyGaps = r.specialty_gaps || [];
  return h('section', { id: 'gaps-section', 'aria-labelledby': 'gaps' },
    h('h2', { id: 'gaps' }, 'Gaps'),
    gaps.length
      ? h('div', { class: 'nhsuk-card nhsuk-card--warning', id: 'gap-list' },
        h('div', { class: 'nhsuk-card__content' },
          h('h3', { class: 'nhsuk-card__heading' }, h('span', { class: 'nhsuk-u-visually-hidden' }, 'Important: '),
            `${gaps.length} provider${gaps.length === 1 ? '' : 's'} with a reason to talk and no conversation in ${formatNumber(r.days, 0)} days`),
          h('ul', { class: 'nhsuk-list' }, gaps.map((g) => h('li', { dataset: { org: g.organisation } },
            h('strong', {}, orgLink(g.organisation, g.name)),
            h('ul', { class: 'nhsuk-list nhsuk-list--bullet nhsuk-u-margin-bottom-2' }, (g.reasons || []).map((x) => h('li', {}, x))))))))
      : inset(`Every provider with a reason to talk has been in a conversation in the last ${formatNumber(r.days, 0)} days.`),
    specialtyGaps.length
      ? [h('h3', {}, 'Specialties nobody has talked with'),
        h('p', {}, 'Specialties of a provider with a reason to talk from which nobody has been in a conversation in the window, even when others from the organisation have.'),
        h('ul', { class: 'nhsuk-list nhsuk-list--bullet', id: 'specialty-gap-list' }, specialtyGaps.map((g) => h('li', { dataset: { org: g.organisation } },
          `${g.specialty}, ${names.get(g.organisation) || g.organisation}: `,
          g.last_conversation ? `last in a conversation on ${formatPeriod(g.last_conversation)}` : 'never in a conversation')))]
      : null);
}

function providersTable(r) {
  return table('Providers', [
    { title: 'Organisation', value: (o) => h('span', {}, orgLink(o.code, o.name), o.gap ? [' ', gapTag()] : null) },
    { title: 'Kind', value: (o) => orgKindName(o.kind) },
    { title: 'Last conversation', value: (o) => lastTalked(o.last_conversation, o.days_since) },
    { title: `In ${formatNumber(r.days, 0)} days`, numeric: true, value: (o) => formatNumber(o.conversations_in_window, 0) },
    { title: 'Open actions', numeric: true, value: (o) => formatNumber(o.open_actions, 0) },
    { title: 'Overdue', numeric: true, value: (o) => (o.overdue_actions ? h('span', {}, formatNumber(o.overdue_actions, 0), ' ', overdueTag()) : '0') },
    { title: 'Contracts a year', numeric: true, value: (o) => formatMoney(o.spend_gbp) },
    { title: 'Open opportunities', numeric: true, value: (o) => (o.open_opportunities ? `${formatNumber(o.open_opportunities, 0)} (${formatMoney(o.open_opportunities_gbp)})` : '0') },
    { title: 'Indicators of concern', numeric: true, value: (o) => formatNumber(o.recent_concerns, 0) },
  ], r.organisations || [], { id: 'providers-table', hiddenCaption: true, rowHeaders: true, rowClass: (o) => (o.gap ? 'app-row--gap' : '') });
}

function specialtiesTable(r, names) {
  return table('Specialties', [
    { title: 'Specialty', value: (s) => h('span', {}, s.specialty, s.gap ? [' ', gapTag()] : null) },
    { title: 'Organisation', value: (s) => orgLink(s.organisation, names.get(s.organisation)) },
    { title: 'People', numeric: true, value: (s) => formatNumber(s.people, 0) },
    { title: 'Last conversation', value: (s) => lastTalked(s.last_conversation) },
    { title: `In ${formatNumber(r.days, 0)} days`, numeric: true, value: (s) => formatNumber(s.conversations_in_window, 0) },
  ], r.specialties || [], { id: 'specialties-table', hiddenCaption: true, rowHeaders: true, rowClass: (s) => (s.gap ? 'app-row--gap' : '') });
}

function servicesTable(r, names) {
  return table('Services', [
    { title: 'Service', value: (s) => h('a', { href: pageUrl('org.html', { code: s.code }) }, s.name) },
    { title: 'Provider', value: (s) => names.get(s.provider) || s.provider },
    { title: 'Pathway', value: (s) => pathwayName(s.pathway) },
    { title: 'A year', numeric: true, value: (s) => formatMoney(s.annual_gbp) },
    { title: 'Last conversation', value: (s) => lastTalked(s.last_conversation) },
    { title: `In ${formatNumber(r.days, 0)} days`, numeric: true, value: (s) => formatNumber(s.conversations_in_window, 0) },
  ], r.services || [], { id: 'services-table', hiddenCaption: true, rowHeaders: true });
}

/** The organisation × organisation counts as a table with a header for each row and column. */
function matrixTable(m) {
  const codes = m.organisations || [];
  const name = (c) => (m.names || {})[c] || c;
  return h('div', { class: 'app-matrix-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'matrix-caption' },
    h('table', { class: 'nhsuk-table app-matrix', id: 'matrix-table' },
      h('caption', { class: 'nhsuk-table__caption nhsuk-table__caption--s', id: 'matrix-caption' },
        'Conversations both organisations took part in (on the diagonal: all of that organisation\'s)'),
      h('thead', { class: 'nhsuk-table__head' },
        h('tr', { class: 'nhsuk-table__row' },
          h('td', { class: 'nhsuk-table__header' }),
          codes.map((c) => h('th', { class: 'nhsuk-table__header', scope: 'col' }, h('abbr', { title: name(c) }, c))))),
      h('tbody', { class: 'nhsuk-table__body' },
        codes.map((row, i) => h('tr', { class: 'nhsuk-table__row', dataset: { org: row } },
          h('th', { class: 'nhsuk-table__header', scope: 'row' }, `${name(row)} (${row})`),
          codes.map((col, j) => h('td', { class: `nhsuk-table__cell app-num${i === j ? ' app-matrix__self' : ''}`, dataset: { org: col } },
            formatNumber((m.counts[i] || [])[j] || 0, 0))))))));
}

function networkAlt(net) {
  const nodes = net.nodes || [];
  const people = nodes.filter((n) => n.kind === 'person').length;
  const orgs = nodes.filter((n) => n.kind === 'organisation').length;
  const edges = (net.edges || []).length;
  return `Who has talked with whom: ${people} people and ${orgs} organisations; ${edges} pairs of people from different organisations have been in a conversation together. The table below counts the same by organisation.`;
}

async function renderNetwork(el) {
  const [net, matrix] = await Promise.all([api('/relationships/network'), api('/relationships/matrix')]);
  replace(el,
    h('h2', { id: 'network' }, 'Who has talked with whom'),
    h('p', {}, 'Organisations round a circle with their people beside them, commissioners in the middle; a line for each pair of people from different organisations who have been in a conversation together.'),
    (net.nodes || []).length
      ? h('figure', { class: 'app-chart-frame' },
        h('img', { class: 'app-network', id: 'network-svg', src: '/api/v1/relationships/network.svg', width: '960', height: '760', alt: networkAlt(net) }))
      : inset('Nobody has been in a conversation yet.'),
    (matrix.organisations || []).length ? matrixTable(matrix) : null);
}

async function main() {
  await startPage();
  setTitle('Relationships', 'Who has been talking with whom');
  const q = new URLSearchParams();
  for (const k of ['days', 'today']) if (param(k)) q.set(k, param(k));
  const [r, services] = await Promise.all([api(`/relationships${q.toString() ? `?${q}` : ''}`), listAll('/services')]);
  const names = new Map((r.organisations || []).map((o) => [o.code, o.name]));
  const orgs = await listAll('/organisations').catch(() => []);
  for (const o of orgs) if (!names.has(o.code)) names.set(o.code, o.name);

  const networkEl = h('section', { id: 'network-section' }, h('p', { class: 'app-loading', role: 'status' }, 'Loading the network…'));
  const involvementEl = h('section', { id: 'involvement-section' }, h('p', { class: 'app-loading', role: 'status' }, 'Loading clinical involvement…'));
  const chosen = param('pathway') ? `pathway:${param('pathway')}` : param('service') ? `service:${param('service')}` : '';
  replace(content,
    h('p', { id: 'as-of' },
      `As of ${formatPeriod(r.today)}: conversations in the ${formatNumber(r.days, 0)} days since ${formatPeriod(r.since)}.`),
    windowForm(r),
    h('nav', { 'aria-label': 'On this page' },
      h('ul', { class: 'app-inline-links' },
        [['#gaps', 'Gaps'], ['#providers', 'Providers'], ['#specialties', 'Specialties'], ['#services', 'Services'],
          ['#network', 'Who has talked with whom'], ['#involvement', 'Clinical involvement']]
          .map(([href, text]) => h('li', {}, h('a', { href }, text))))),
    gapsSection(r, names),
    h('h2', { id: 'providers' }, 'Providers'),
    h('p', {}, `Each provider with the last conversation it took part in and what is still open. A gap is a provider with a reason to talk (contracts of £1m a year or more, an open opportunity, or an indicator of concern) and no conversation in the window.`),
    providersTable(r),
    h('h2', { id: 'specialties' }, 'Specialties'),
    specialtiesTable(r, names),
    h('h2', { id: 'services' }, 'Services'),
    servicesTable(r, names),
    networkEl,
    involvementEl);
  await Promise.all([
    section(networkEl, 'who has talked with whom', () => renderNetwork(networkEl)),
    section(involvementEl, 'clinical involvement', () => renderInvolvement(involvementEl, services, names, chosen)),
  ]);
  if (window.location.hash) document.getElementById(window.location.hash.slice(1))?.scrollIntoView();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
