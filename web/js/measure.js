// measure.html: the prescribing measures; measure.html?id=&level=&org=: one measure: why it
// matters, its decile chart over the stored months with the chosen organisation's line, and every
// organisation of the level in the latest month.

import { api } from './api.js';
import { formatMoney, formatNumber, h, pageUrl, param, replace } from './dom.js';
import { breadcrumbs, inset, section, setTitle, showPageError, startPage, table } from './layout.js';
import { formatMonth } from './prescribing.js';

const content = document.getElementById('content');
const LEVELS = [{ value: 'practice', text: 'Practices' }, { value: 'sub_icb', text: 'Sub-ICBs (places)' }];
const state = { id: '', level: 'practice', org: '' };

function setUrl() {
  window.history.replaceState(null, '', pageUrl('measure.html', { id: state.id, level: state.level, org: state.org }));
}

function select(id, label, options, value, onChange) {
  return h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: id }, label),
    h('select', { class: 'nhsuk-select', id, name: id, on: { change: (ev) => onChange(ev.target.value) } },
      options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.text))));
}

function listMeasures(defs, months) {
  setTitle('Prescribing measures', months.length ? `${formatMonth(months[0])} to ${formatMonth(months[months.length - 1])}` : 'No prescribing stored');
  replace(content,
    months.length ? null : inset('No prescribing is stored yet: import it with unlock import prescribing FILE.'),
    table('Prescribing measures', [
      { title: 'Measure', value: (d) => h('a', { href: pageUrl('measure.html', { id: d.id }) }, d.name) },
      { title: 'Why it matters', value: (d) => d.why_it_matters },
      { title: 'Cost-based', value: (d) => (d.is_cost_based ? 'Yes' : 'No') },
    ], defs, { id: 'measures-table', hiddenCaption: true }));
}

function renderChart(el, def) {
  const q = new URLSearchParams({ level: state.level });
  if (state.org) q.set('org', state.org);
  const who = state.org ? ` and ${state.orgName || state.org}` : '';
  replace(el, h('figure', { class: 'app-chart-frame' },
    h('img', {
      class: 'app-chart app-chart--large', id: 'decile-chart', src: `/api/v1/measures/${encodeURIComponent(def.id)}/deciles.svg?${q}`,
      width: '720', height: '380', alt: `${def.name}: the 10th to 90th percentiles across ${state.level === 'practice' ? 'practices' : 'sub-ICBs'} each month${who}.`,
    }),
    h('figcaption', {}, 'Blue: the deciles across organisations (dashed; the median solid). Red: the chosen organisation.')));
}

function renderTable(el, def, r) {
  const rows = [...(r.orgs || [])].filter((o) => o.value !== null)
    .sort((a, b) => (def.is_cost_based ? (b.savings?.['50'] ?? -Infinity) - (a.savings?.['50'] ?? -Infinity) : b.value - a.value));
  replace(el,
    h('h2', { id: 'organisations' }, `${state.level === 'practice' ? 'Practices' : 'Sub-ICBs'} in ${formatMonth(r.month)}`),
    table(`${def.name}, ${formatMonth(r.month)}`, [
      { title: 'Organisation', value: (o) => h('a', { href: pageUrl('measure.html', { id: def.id, level: state.level, org: o.code }) }, o.name || o.code) },
      { title: 'Value', numeric: true, value: (o) => formatNumber(o.value, 1) },
      { title: 'Percentile', numeric: true, value: (o) => formatNumber(o.percentile, 0) },
      def.is_cost_based ? { title: 'Saving at the median a month', numeric: true, value: (o) => (o.savings?.['50'] > 0 ? formatMoney(o.savings['50']) : '–') } : null,
    ].filter(Boolean), rows, { id: 'measure-orgs', hiddenCaption: true, rowClass: (o) => (o.code === state.org ? 'app-row--chosen' : '') }));
}

async function showMeasure(def) {
  const r = await api(`/measures/${encodeURIComponent(def.id)}?level=${state.level}`);
  const orgs = [...(r.orgs || [])].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  if (state.org && !orgs.some((o) => o.code === state.org)) state.org = '';
  state.orgName = (orgs.find((o) => o.code === state.org) || {}).name;
  breadcrumbs([{ text: 'Home', href: 'index.html' }, { text: 'Prescribing measures', href: 'measure.html' },
    ...(state.org ? [{ text: state.orgName || state.org, href: pageUrl('org.html', { code: state.org }) }] : [])]);
  setTitle(def.name, 'Prescribing measure');
  setUrl();
  const chartEl = h('div', { id: 'chart-section' });
  const tableEl = h('div', { id: 'table-section' });
  const levelSelect = select('level-select', 'Compare', LEVELS, state.level, (v) => {
    state.level = v;
    state.org = '';
    main().catch(showPageError);
  });
  const orgSelect = select('org-select', 'Organisation', [{ value: '', text: 'None' }, ...orgs.map((o) => ({ value: o.code, text: `${o.name} (${o.code})` }))], state.org, (v) => {
    state.org = v;
    state.orgName = (orgs.find((o) => o.code === v) || {}).name;
    setUrl();
    renderChart(chartEl, def);
  });
  replace(content,
    h('p', { class: 'nhsuk-lede-text' }, def.description),
    h('div', { class: 'nhsuk-inset-text', id: 'why-it-matters' }, h('h2', { class: 'nhsuk-heading-s' }, 'Why it matters'), h('p', {}, def.why_it_matters)),
    h('div', { class: 'app-controls' }, levelSelect, orgSelect),
    chartEl, tableEl);
  renderChart(chartEl, def);
  await section(tableEl, 'the organisations', async () => renderTable(tableEl, def, r));
}

async function main() {
  const list = await api('/measures');
  const defs = list.items || [];
  state.id = state.id || param('id') || '';
  if (!state.id) {
    listMeasures(defs, list.months || []);
  } else {
    const def = defs.find((d) => d.id === state.id);
    if (!def) {
      const e = new Error(`There is no prescribing measure ${state.id}.`);
      e.status = 404;
      throw e;
    }
    await showMeasure(def);
  }
  document.body.dataset.ready = 'true';
}

startPage().then(() => {
  state.level = param('level') === 'sub_icb' ? 'sub_icb' : 'practice';
  state.org = param('org') || '';
  return main();
}).catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
