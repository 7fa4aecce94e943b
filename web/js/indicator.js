// indicator.html?code=&org=&period=: one indicator: the SPC chart for a chosen organisation
// (or service), the funnel plot for a chosen month, and the comparison of every organisation.

import { api, ApiError, listAll } from './api.js';
import { formatNumber, formatPeriod, formatValue, h, humanise, pageUrl, param, replace, unitLabel } from './dom.js';
import { breadcrumbs, inset, section, setTitle, showPageError, startPage, table } from './layout.js';
import { assuranceTag, significanceTag, significanceText, spcAlt, variationTag } from './spc.js';

const content = document.getElementById('content');

const POLARITY = { high_is_good: 'Higher is better', low_is_good: 'Lower is better', neutral: 'Neither higher nor lower is better' };
const POINT_TYPE = {
  common_cause: 'Common cause',
  special_cause_improvement: 'Special cause: improvement',
  special_cause_concern: 'Special cause: concern',
  special_cause_neutral_high: 'Special cause: high',
  special_cause_neutral_low: 'Special cause: low',
};

const state = { code: '', org: '', period: '' };

function setUrl() {
  const url = pageUrl('indicator.html', { code: state.code, org: state.org, period: state.period });
  window.history.replaceState(null, '', url);
}

function select(id, label, options, value, onChange) {
  const sel = h('select', { class: 'nhsuk-select', id, name: id, on: { change: (ev) => onChange(ev.target.value) } },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.text)));
  return h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: id }, label), sel);
}

function subjectName(code, names) {
  return names.get(code) || code;
}

async function renderSpc(el, ind, names) {
  const q = `org=${encodeURIComponent(state.org)}`;
  const base = `/api/v1/indicators/${encodeURIComponent(ind.code)}`;
  const who = subjectName(state.org, names);
  let spc;
  try {
    spc = await api(`${base}/spc?${q}`);
  } catch (e) {
    if (e instanceof ApiError && e.status !== 401) {
      replace(el, inset(`No SPC chart for ${who}: ${e.message}`));
      return;
    }
    throw e;
  }
  const points = spc.points || [];
  const img = h('img', { class: 'app-chart app-chart--large', id: 'spc-chart', src: `${base}/spc.svg?${q}`, width: '800', height: '420', alt: spcAlt(ind, who, spc) });
  const rows = points.slice().reverse();
  replace(el,
    h('ul', { class: 'app-tags', id: 'spc-icons' }, h('li', {}, variationTag(spc.variation)), h('li', {}, assuranceTag(spc.assurance))),
    h('figure', { class: 'app-chart-frame' }, img,
      h('figcaption', {}, `${ind.name} for `, h('a', { href: pageUrl('org.html', { code: state.org }) }, who),
        points.length ? `, ${formatPeriod(points[0].period)} to ${formatPeriod(points[points.length - 1].period)}.` : '.')),
    (spc.warnings || []).length ? inset(`Note: ${spc.warnings.join(' ')}`) : null,
    h('details', { class: 'nhsuk-details' },
      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Show the chart\'s numbers')),
      h('div', { class: 'nhsuk-details__text' },
        table(`${ind.name}, ${who}, by month`, [
          { title: 'Month', value: (p) => formatPeriod(p.period) },
          { title: unitLabel(ind) ? `Value (${unitLabel(ind)})` : 'Value', numeric: true, value: (p) => formatValue(p.value, ind, true) },
          { title: 'Mean', numeric: true, value: (p) => formatValue(p.mean, ind, true) },
          { title: 'Lower limit', numeric: true, value: (p) => formatValue(p.lpl, ind, true) },
          { title: 'Upper limit', numeric: true, value: (p) => formatValue(p.upl, ind, true) },
          { title: 'Point', value: (p) => POINT_TYPE[p.type] || humanise(p.type) },
        ], rows, { id: 'spc-table' }))));
}

function funnelAlt(ind, funnel) {
  const orgs = funnel.orgs || [];
  const high = orgs.filter((o) => o.significance === 'high_0.001').length;
  const low = orgs.filter((o) => o.significance === 'low_0.001').length;
  return `Funnel plot of ${ind.name} in ${formatPeriod(state.period)}: ${orgs.length} organisations plotted by size against an average of ${formatValue(funnel.average, ind)}; `
    + `${high} above and ${low} below the 99.8% limits.`;
}

async function renderFunnel(el, ind, names) {
  const base = `/api/v1/indicators/${encodeURIComponent(ind.code)}`;
  const q = `period=${encodeURIComponent(state.period)}`;
  let funnel;
  try {
    funnel = await api(`${base}/funnel?${q}`);
  } catch (e) {
    if (e instanceof ApiError && e.status !== 401) {
      replace(el, inset(`No funnel plot for ${formatPeriod(state.period)}: ${e.message}`));
      return;
    }
    throw e;
  }
  const orgs = (funnel.orgs || []).slice().sort((a, b) => Number(b.value) - Number(a.value));
  replace(el,
    h('figure', { class: 'app-chart-frame' },
      h('img', { class: 'app-chart app-chart--large', id: 'funnel-chart', src: `${base}/funnel.svg?${q}`, width: '800', height: '420', alt: funnelAlt(ind, funnel) }),
      h('figcaption', {}, `Each organisation's ${ind.name.toLowerCase()} in ${formatPeriod(state.period)} against its size, with 95% and 99.8% limits around the average of ${formatValue(funnel.average, ind)}.`)),
    h('details', { class: 'nhsuk-details' },
      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Show the funnel plot\'s numbers')),
      h('div', { class: 'nhsuk-details__text' },
        table(`${ind.name}, ${formatPeriod(state.period)}, by organisation`, [
          { title: 'Organisation', value: (o) => h('a', { href: pageUrl('org.html', { code: o.org }) }, o.name || subjectName(o.org, names)) },
          { title: 'Numerator', numeric: true, value: (o) => formatNumber(o.numerator, 2) },
          { title: 'Denominator', numeric: true, value: (o) => formatNumber(o.denominator, 2) },
          { title: unitLabel(ind) ? `Value (${unitLabel(ind)})` : 'Value', numeric: true, value: (o) => formatValue(o.value, ind, true) },
          { title: '99.8% limits', numeric: true, value: (o) => `${formatValue(o.limit998_low, ind, true)} to ${formatValue(o.limit998_high, ind, true)}` },
          { title: 'Compared with the average', value: (o) => (o.significance === 'not_significant' ? significanceText(o.significance) : significanceTag(o.significance, ind.polarity)) },
        ], orgs, { id: 'funnel-table', rowClass: (o) => (o.org === state.org ? 'app-row--selected' : '') }))));
}

function outcomeKind(o) {
  const s = String(o || '');
  if (s.startsWith('better')) return 'improvement';
  if (s.startsWith('worse')) return 'concern';
  if (s.startsWith('higher') || s.startsWith('lower')) return 'neutral';
  if (s === 'similar') return 'common';
  return 'none';
}

function outcomeText(o) {
  const s = String(o || '');
  const m = /^(better|worse|higher|lower)(?:_(95|99\.8))?$/.exec(s);
  if (m) return `${humanise(m[1])}${m[2] ? ` (${m[2]}%)` : ''}`;
  if (s === 'similar') return 'Similar';
  if (s === 'not_compared') return 'Not compared';
  return s ? humanise(s) : '–';
}

/** A tag for a comparison: coloured by the three tiers, worded by the five when given. */
function outcomeTag(three, five) {
  const kind = outcomeKind(three);
  const text = outcomeText(five && five !== 'similar' ? five : three);
  if (kind === 'none') return text;
  return h('strong', { class: `app-spc-tag app-spc-tag--${kind}`, dataset: { outcome: three || '' } }, text);
}

function quartileText(q) {
  if (!q) return '–';
  return q === 1 ? '1 (worst)' : q === 4 ? '4 (best)' : String(q);
}

async function renderCompare(el, ind, names) {
  const base = `/api/v1/indicators/${encodeURIComponent(ind.code)}`;
  let cmp;
  try {
    cmp = await api(`${base}/compare?period=${encodeURIComponent(state.period)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status !== 401) {
      replace(el, inset(`No comparison for ${formatPeriod(state.period)}: ${e.message}`));
      return;
    }
    throw e;
  }
  const rows = (cmp.orgs || cmp.items || []).slice().sort((a, b) => Number(b.value) - Number(a.value));
  const bench = cmp.benchmark;
  const benchText = bench && typeof bench === 'object'
    ? `${bench.name || subjectName(bench.org, names) || 'the benchmark'} (${formatValue(bench.value, ind)})`
    : 'the benchmark';
  const unit = unitLabel(ind);
  const better = ind.polarity === 'high_is_good' || ind.polarity === 'low_is_good';
  replace(el,
    h('p', {}, `Each organisation in ${formatPeriod(state.period)} compared with ${benchText}: `
      + (better ? '"better" or "worse" when the benchmark lies outside its 95% confidence interval (99.8% in brackets when it is outside that too).'
        : 'higher or lower when the benchmark lies outside its 95% confidence interval.')),
    rows.length === 0 ? inset('Nothing to compare in this month.') : table(`Comparison with ${benchText}, ${formatPeriod(state.period)}`, [
      {
        title: 'Organisation',
        value: (r) => {
          const link = h('a', { href: pageUrl('indicator.html', { code: ind.code, org: r.org, period: state.period }) }, r.name || subjectName(r.org, names));
          return r.org === state.org ? h('strong', {}, link, h('span', { class: 'nhsuk-u-visually-hidden' }, ' (chosen above)')) : link;
        },
      },
      { title: unit ? `Value (${unit})` : 'Value', numeric: true, value: (r) => formatValue(r.value, ind, true) },
      { title: '95% confidence interval', numeric: true, value: (r) => (r.ci95_low === undefined || r.ci95_low === null ? '–' : `${formatValue(r.ci95_low, ind, true)} to ${formatValue(r.ci95_high, ind, true)}`) },
      { title: 'Compared with the benchmark', value: (r) => outcomeTag(r.three_tier, r.five_tier) },
      { title: 'Quartile', numeric: true, value: (r) => quartileText(r.quartile) },
    ], rows, { id: 'compare-table', hiddenCaption: true, rowClass: (r) => (r.org === state.org ? 'app-row--selected' : '') }));
}

async function main() {
  await startPage();
  state.code = param('code');
  if (!state.code) throw new ApiError(404, 'No indicator was named: open this page from a link, for example on the home page.');
  const enc = encodeURIComponent(state.code);
  const [ind, periodsAnswer, orgList, serviceList] = await Promise.all([
    api(`/indicators/${enc}`),
    api(`/indicators/${enc}/periods`),
    listAll('/organisations').catch(() => []),
    listAll('/services').catch(() => []),
  ]);
  const names = new Map([...orgList, ...serviceList].map((o) => [o.code, o.name]));
  const periods = periodsAnswer.periods || [];
  const latest = periods[periods.length - 1] || '';
  state.period = periods.includes(param('period')) ? param('period') : latest;

  // Who is observed: the subjects with a value in the latest month, plus the one asked for.
  const obs = latest ? await listAll('/observations', { indicator: state.code, period: latest }).catch(() => []) : [];
  const subjects = [...new Set(obs.map((o) => o.organisation || o.service).filter(Boolean))];
  const asked = param('org');
  if (asked && !subjects.includes(asked)) subjects.push(asked);
  subjects.sort((a, b) => subjectName(a, names).localeCompare(subjectName(b, names)));
  const icb = orgList.find((o) => o.kind === 'icb' && subjects.includes(o.code));
  state.org = asked || (icb && icb.code) || subjects[0] || '';

  breadcrumbs([{ text: 'Home', href: 'index.html' }, ...(state.org ? [{ text: subjectName(state.org, names), href: pageUrl('org.html', { code: state.org }) }] : [])]);
  setTitle(ind.name, `${ind.code} · ${humanise(ind.domain)}`);
  setUrl();

  const spcEl = h('div', { id: 'spc-section' });
  const funnelEl = h('div', { id: 'funnel-section' });
  const compareEl = h('div', { id: 'compare-section' });
  const orgSelect = select('org-select', 'Organisation or service', subjects.map((c) => ({ value: c, text: `${subjectName(c, names)} (${c})` })), state.org, (v) => {
    state.org = v;
    setUrl();
    section(spcEl, 'the SPC chart', () => renderSpc(spcEl, ind, names));
  });
  const periodSelect = select('period-select', 'Month', periods.slice().reverse().map((p) => ({ value: p, text: formatPeriod(p) })), state.period, (v) => {
    state.period = v;
    setUrl();
    section(funnelEl, 'the funnel plot', () => renderFunnel(funnelEl, ind, names));
    section(compareEl, 'the comparison', () => renderCompare(compareEl, ind, names));
  });

  replace(content,
    ind.definition ? h('p', { class: 'nhsuk-lede-text' }, ind.definition) : null,
    h('dl', { class: 'nhsuk-summary-list', id: 'indicator-summary' },
      [['Type', humanise(ind.type) + (ind.multiplier && Number(ind.multiplier) !== 1 && ind.type !== 'proportion' ? ` per ${formatNumber(ind.multiplier, 0)}` : '')],
        ['Better is', POLARITY[ind.polarity] || humanise(ind.polarity)],
        ['Patient reported', ind.patient_reported ? 'Yes' : 'No'],
        ['Source', ind.source || '–'],
        ['Months', periods.length ? `${periods.length}, ${formatPeriod(periods[0])} to ${formatPeriod(latest)}` : 'None yet']]
        .map(([k, v]) => h('div', { class: 'nhsuk-summary-list__row' }, h('dt', { class: 'nhsuk-summary-list__key' }, k), h('dd', { class: 'nhsuk-summary-list__value' }, v)))),
    h('h2', { id: 'over-time' }, 'Over time'),
    subjects.length ? h('div', { class: 'app-controls' }, orgSelect) : inset('No organisation has a value for this indicator yet.'),
    spcEl,
    h('h2', { id: 'across' }, 'Across organisations'),
    periods.length ? h('div', { class: 'app-controls' }, periodSelect) : null,
    funnelEl,
    h('h3', { id: 'comparison' }, 'Comparison'),
    compareEl);

  await Promise.all([
    state.org ? section(spcEl, 'the SPC chart', () => renderSpc(spcEl, ind, names)) : null,
    state.period ? section(funnelEl, 'the funnel plot', () => renderFunnel(funnelEl, ind, names)) : null,
    state.period ? section(compareEl, 'the comparison', () => renderCompare(compareEl, ind, names)) : null,
  ]);
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
