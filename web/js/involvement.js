// involvement: the "clinicians from all specialties design the service" test on the
// relationships page (GET /api/v1/involvement): every pathway at a glance, with its warning when
// only GPs and managers (or nobody) have been in the conversations about it; and one pathway or
// service in detail: its services, and who took part by specialty, role and side.

import { api } from './api.js';
import { formatNumber, formatPeriod, h, pageUrl, pathwayName, replace } from './dom.js';
import { inset, table } from './layout.js';
import { roleName } from './conversation_view.js';

function warningTag(r) {
  if (r.only_gps_and_managers) return h('strong', { class: 'nhsuk-tag nhsuk-tag--red' }, 'Only GPs and managers');
  if (r.warning) return h('strong', { class: 'nhsuk-tag nhsuk-tag--orange' }, 'No conversation yet');
  return h('strong', { class: 'nhsuk-tag nhsuk-tag--green' }, 'Clinicians involved');
}

/** The API's warning, with a pathway's code written as words ("primary_care" → "primary care"). */
function warningText(r) {
  return r.pathway ? r.warning.replaceAll(r.pathway, r.pathway.replace(/_/g, ' ')) : r.warning;
}

function warningHeading(r, subjectName) {
  return r.only_gps_and_managers ? `${subjectName}: only GPs and managers so far` : `${subjectName}: no conversation yet`;
}

function warningCard(heading, text, id, level) {
  return h('div', { class: 'nhsuk-card nhsuk-card--warning', id },
    h('div', { class: 'nhsuk-card__content' },
      h(`h${level}`, { class: 'nhsuk-card__heading' }, h('span', { class: 'nhsuk-u-visually-hidden' }, 'Important: '), heading),
      h('p', { class: 'nhsuk-card__description' }, text)));
}

function chooser(pathways, services, chosen) {
  const select = h('select', { class: 'nhsuk-select app-wide-select', id: 'involvement-subject', name: 'subject' },
    h('optgroup', { label: 'Pathways' }, pathways.map((p) => h('option', { value: `pathway:${p}`, selected: chosen === `pathway:${p}` }, pathwayName(p)))),
    h('optgroup', { label: 'Services' }, services.map((s) => h('option', { value: `service:${s.code}`, selected: chosen === `service:${s.code}` }, s.name))));
  return h('form', {
    id: 'involvement-form', method: 'get', action: 'relationships.html', class: 'app-controls',
    on: {
      submit: (ev) => {
        // The URL says what is shown, so that it can be shared and comes back on reload.
        ev.preventDefault();
        const [kind, value] = select.value.split(/:(.*)/s);
        const q = new URLSearchParams(window.location.search);
        q.delete('pathway');
        q.delete('service');
        q.set(kind, value);
        window.location.assign(`relationships.html?${q}#involvement`);
      },
    },
  },
  h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: 'involvement-subject' }, 'A pathway or service under redesign'), select),
  h('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'submit', id: 'involvement-show' }, 'Show who was involved'));
}

function detail(r, subjectName, orgNames) {
  return h('section', { id: 'involvement-detail', 'aria-labelledby': 'involvement-detail-heading' },
    h('h3', { id: 'involvement-detail-heading' }, subjectName),
    h('p', {}, `${formatNumber(r.conversations, 0)} conversation${r.conversations === 1 ? '' : 's'}, ${formatNumber(r.people, 0)} people, ${formatNumber(r.clinicians, 0)} clinician${r.clinicians === 1 ? '' : 's'}.`),
    r.warning ? warningCard(warningHeading(r, subjectName), warningText(r), 'involvement-warning', 4) : null,
    table(`Services of ${subjectName}`, [
      { title: 'Service', value: (s) => h('a', { href: pageUrl('org.html', { code: s.code }) }, s.name) },
      { title: 'Provider', value: (s) => orgNames.get(s.provider) || s.provider },
      { title: 'Conversations', numeric: true, value: (s) => formatNumber(s.conversations, 0) },
      { title: 'Last', value: (s) => (s.last_conversation ? formatPeriod(s.last_conversation) : 'Never') },
    ], r.services || [], { id: 'involvement-services', captionSize: 's' }),
    (r.specialties || []).length
      ? table('Who took part, by specialty', [
        { title: 'Specialty', value: (s) => s.specialty || '–' },
        { title: 'Role', value: (s) => roleName(s.role) },
        { title: 'Side', value: (s) => (s.side === 'commissioner' ? 'Commissioner' : 'Provider') },
        { title: 'People', numeric: true, value: (s) => formatNumber(s.people, 0) },
        { title: 'Conversations', numeric: true, value: (s) => formatNumber(s.conversations, 0) },
      ], r.specialties, { id: 'involvement-specialties', captionSize: 's' })
      : null);
}

/**
 * Draws the section into el. services: every service (for the pathways and the chooser);
 * chosen: "pathway:P" or "service:CODE" from the URL, or ''.
 */
export async function renderInvolvement(el, services, orgNames, chosen) {
  const pathways = [...new Set(services.map((s) => s.pathway).filter(Boolean))].sort();
  const all = await Promise.all(pathways.map((p) => api(`/involvement?${new URLSearchParams({ pathway: p })}`)));
  const overview = table('Every pathway: has its design involved clinicians?', [
    { title: 'Pathway', value: (r) => h('a', { href: `${pageUrl('relationships.html', { ...Object.fromEntries(new URLSearchParams(window.location.search)), service: null, pathway: r.pathway })}#involvement` }, pathwayName(r.pathway)) },
    { title: 'Conversations', numeric: true, value: (r) => formatNumber(r.conversations, 0) },
    { title: 'People', numeric: true, value: (r) => formatNumber(r.people, 0) },
    { title: 'Clinicians', numeric: true, value: (r) => formatNumber(r.clinicians, 0) },
    { title: 'Services not discussed', numeric: true, value: (r) => `${formatNumber((r.services_not_discussed || []).length, 0)} of ${formatNumber((r.services || []).length, 0)}` },
    { title: 'Involvement', value: warningTag },
  ], all, { id: 'involvement-overview', hiddenCaption: true, rowHeaders: true, rowClass: (r) => (r.warning ? 'app-row--gap' : '') });

  let shown = null;
  const [kind, value] = String(chosen || '').split(/:(.*)/s);
  if (kind === 'pathway' && value) {
    const r = all.find((x) => x.pathway === value) || await api(`/involvement?${new URLSearchParams({ pathway: value })}`);
    shown = detail(r, pathwayName(value), orgNames);
  } else if (kind === 'service' && value) {
    const r = await api(`/involvement?${new URLSearchParams({ service: value })}`);
    shown = detail(r, services.find((s) => s.code === value)?.name || value, orgNames);
  }
  const warned = all.filter((r) => r.only_gps_and_managers);
  replace(el,
    h('h2', { id: 'involvement' }, 'Clinical involvement'),
    h('p', {}, 'For a service or pathway under redesign: which specialties and which parts of the pathway have been in the conversations. The test is that clinicians from all specialties design the service.'),
    warned.map((r) => warningCard(warningHeading(r, pathwayName(r.pathway)), warningText(r), `involvement-warning-${r.pathway}`, 3)),
    overview,
    chooser(pathways, [...services].sort((a, b) => String(a.name).localeCompare(String(b.name))), chosen),
    shown || inset('Choose a pathway or service to see who has been involved in its design.'));
}
