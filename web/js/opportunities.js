// opportunities.html: the ranked register of trapped resources (GET /api/v1/opportunities), with
// filters that live in the URL, a CSV download of exactly what is shown, and, for commissioners,
// a form to record what is being done about an opportunity (PUT .../opportunities/{id}/status)
// and one to start a conversation about it (opportunity_conversation.js).

import { api, user } from './api.js';
import { formatMoney, formatNumber, h, humanise, pageUrl, param, replace } from './dom.js';
import { errorBox, inset, setTitle, showPageError, startPage, table } from './layout.js';
import { conversationForm } from './opportunity_conversation.js';

const content = document.getElementById('content');

const KINDS = [['', 'All kinds'], ['estates', 'Estates (buildings)'], ['indicator', 'Services and processes'], ['prescribing', 'Prescribing']];
const STATUSES = ['new', 'in_conversation', 'project', 'released', 'dismissed'];
const CREDIBILITY = {
  significant: 'Significant',
  not_significant: 'Not significant',
  low_data: 'Low data',
};

function filters() {
  return { org: param('org'), kind: param('kind'), min: param('min') };
}

function query(f, extra = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function filterForm(f) {
  const group = (id, label, control) => h('div', { class: 'nhsuk-form-group app-inline-group' },
    h('label', { class: 'nhsuk-label', for: id }, label), control);
  return h('form', { id: 'filters', method: 'get', action: 'opportunities.html', class: 'app-filters' },
    group('org', 'Organisation code (and everything below it)',
      h('input', { class: 'nhsuk-input nhsuk-input--width-10', id: 'org', name: 'org', value: f.org, spellcheck: 'false', autocomplete: 'off' })),
    group('kind', 'Kind',
      h('select', { class: 'nhsuk-select', id: 'kind', name: 'kind' },
        KINDS.map(([v, t]) => h('option', { value: v, selected: v === f.kind }, t)))),
    group('min', 'At least (£ a year)',
      h('input', { class: 'nhsuk-input nhsuk-input--width-10', id: 'min', name: 'min', value: f.min, inputmode: 'numeric' })),
    h('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'submit', id: 'apply-filters' }, 'Show'));
}

function statusText(o) {
  const s = humanise(o.status);
  return o.note ? `${s}: ${o.note}` : s;
}

function registerTable(data) {
  return table('Opportunities, largest first', [
    { title: '£ a year', numeric: true, value: (o) => formatMoney(o.gbp) },
    { title: 'Organisation', value: (o) => h('a', { href: pageUrl('org.html', { code: o.org }) }, o.org_name || o.org) },
    { title: 'What', value: (o) => h('span', { title: o.method }, o.what) },
    { title: 'Kind', value: (o) => humanise(o.kind) },
    { title: 'Credibility', value: (o) => CREDIBILITY[o.credibility] || o.credibility },
    { title: 'Data', value: (o) => o.period },
    { title: 'Status', value: (o) => h('span', { class: 'app-status', dataset: { id: o.id } }, statusText(o)) },
  ], data.items, { id: 'opportunities-table', hiddenCaption: true });
}

function statusForm(data, onDone) {
  const msg = h('div', { id: 'status-message', role: 'status' });
  const idSelect = h('select', { class: 'nhsuk-select', id: 'status-id', name: 'id' },
    data.items.map((o) => h('option', { value: o.id }, `${formatMoney(o.gbp)} – ${o.org_name || o.org}: ${o.subject_name || o.subject}`)));
  const statusSelect = h('select', { class: 'nhsuk-select', id: 'status-value', name: 'status' },
    STATUSES.map((s) => h('option', { value: s }, humanise(s))));
  const note = h('textarea', { class: 'nhsuk-textarea', id: 'status-note', name: 'note', rows: '2', 'aria-describedby': 'status-note-hint' });
  const button = h('button', { class: 'nhsuk-button', type: 'submit', id: 'status-save' }, 'Record status');
  return h('form', {
    id: 'status-form', novalidate: true,
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        button.disabled = true;
        try {
          const o = await api(`/opportunities/${encodeURIComponent(idSelect.value)}/status`, {
            method: 'PUT', json: { status: statusSelect.value, note: note.value || null },
          });
          replace(msg, h('p', { class: 'nhsuk-body' }, `Recorded: ${o.org_name || o.org} is now ${humanise(o.status).toLowerCase()}.`));
          await onDone();
        } catch (e) {
          replace(msg, errorBox('The status was not recorded', e.message || String(e)));
        } finally {
          button.disabled = false;
        }
      },
    },
  },
  h('h2', {}, 'Record what is being done'),
  h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: 'status-id' }, 'Opportunity'), idSelect),
  h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: 'status-value' }, 'Status'), statusSelect),
  h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: 'status-note' }, 'Note'),
    h('div', { class: 'nhsuk-hint', id: 'status-note-hint' }, 'Who is talking to whom, the project, or why it is dismissed (needed to dismiss).'),
    note),
  button, msg);
}

async function render() {
  const f = filters();
  const data = await api(`/opportunities${query(f)}`);
  const byKind = data.by_kind || {};
  const tableEl = h('div', { id: 'register' });
  const draw = (d) => replace(tableEl, d.items.length ? registerTable(d) : inset('No opportunities match these filters.'));
  const redraw = async () => draw(await api(`/opportunities${query(f)}`));
  draw(data);
  const me = user();
  const canWrite = me && (me.role === 'commissioner' || me.role === 'admin');
  replace(content,
    h('p', { class: 'nhsuk-body-l' }, 'Resources trapped in buildings, services and processes, in pounds a year, with how sure we are. Each pound is counted once: estates at the site, indicators at the level they are compared (practices, never also their place or ICB).'),
    filterForm(f),
    h('p', { id: 'register-total', class: 'nhsuk-body' },
      h('strong', {}, `${formatMoney(data.total_gbp)} a year`),
      ` in ${formatNumber(data.count, 0)} opportunities (estates ${formatMoney(byKind.estates)}, services and processes ${formatMoney(byKind.indicator)}, prescribing ${formatMoney(byKind.prescribing)}). `,
      h('a', { id: 'register-csv', href: `/api/v1/opportunities${query(f, { format: 'csv' })}`, download: 'opportunities.csv' }, 'Download as CSV')),
    tableEl,
    canWrite && data.items.length ? statusForm(data, async () => draw(await api(`/opportunities${query(f)}`))) : null,
    canWrite && data.items.length ? conversationForm(data, redraw) : null);
}

async function main() {
  await startPage();
  setTitle('Opportunities', 'Trapped resources');
  await render();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
