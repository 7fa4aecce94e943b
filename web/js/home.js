// index.html: "where are resources trapped, and what is changing?" The headline figures, the
// series whose latest month is a special cause (SPC), the funnel outliers in each indicator's
// latest month, the buildings with the most empty or under-used floor, and the five largest
// opportunities in the register (opportunities.html has them all).

import { api, listAll } from './api.js';
import { formatMoney, formatNumber, formatPeriod, formatValue, h, pageUrl, replace } from './dom.js';
import { inset, section, setTitle, showPageError, startPage, table } from './layout.js';
import { significanceKind, variationKind, variationTag } from './spc.js';
import { renderTopSavings } from './prescribing.js';

const content = document.getElementById('content');

function sum(obj) {
  return Object.values(obj || {}).reduce((a, b) => a + (Number(b) || 0), 0);
}

function figure(value, label, id) {
  return h('li', { class: 'app-figure', id },
    h('span', { class: 'app-figure__value' }, value),
    h('span', { class: 'app-figure__label' }, label));
}

function renderFigures(el, s) {
  const est = s.estates || {};
  const gia = Number(est['gross internal m2']) || 0;
  const idle = Number(est['empty or under-used m2']) || 0;
  const idleShare = gia > 0 ? ` (${formatNumber((idle / gia) * 100, 0)}% of ${formatNumber(gia, 0)} m²)` : '';
  const figures = [
    figure(formatNumber(sum(s.organisations), 0), 'organisations', 'figure-organisations'),
    figure(formatNumber(sum(s.indicators_by_domain), 0), `indicators, ${formatNumber(sum(s.observations_by_indicator), 0)} observations`, 'figure-indicators'),
    figure(formatMoney(sum(s.contracts_by_provider)), `a year in contracts with ${Object.keys(s.contracts_by_provider || {}).length} providers`, 'figure-contracts'),
    figure(`${formatNumber(idle, 0)} m²`, `of floor empty or under-used${idleShare}`, 'figure-idle-floor'),
    figure(formatMoney(est.backlog), `maintenance backlog across ${formatNumber(est.sites, 0)} sites`, 'figure-backlog'),
    figure(formatMoney(est['facilities management']), 'a year on facilities management', 'figure-fm'),
  ];
  replace(el, h('h2', { class: 'nhsuk-u-visually-hidden' }, 'Headline figures'), h('ul', { class: 'app-figures' }, figures));
}

function indicatorLink(code, name, org, period) {
  return h('a', { href: pageUrl('indicator.html', { code, org, period }) }, name || code);
}

function orgLink(code, name) {
  return h('a', { href: pageUrl('org.html', { code }) }, name || code);
}

const KIND_ORDER = { concern: 0, improvement: 1, neutral: 2, common: 3 };
const KIND_HEADING = {
  concern: 'Concerns: a special cause in the wrong direction',
  improvement: 'Improvements: a special cause in the right direction',
  neutral: 'Other special causes (no better direction)',
  common: 'Other',
};

function renderSignals(el, signals, indicators) {
  const spc = [...(signals.spc || [])];
  spc.sort((a, b) => (KIND_ORDER[variationKind(a.variation)] - KIND_ORDER[variationKind(b.variation)])
    || String(a.name || a.indicator).localeCompare(String(b.name || b.indicator))
    || String(a.org_name || a.org).localeCompare(String(b.org_name || b.org)));
  const parts = [h('h2', { id: 'changing' }, 'What is changing')];
  if (spc.length === 0) {
    parts.push(inset('No series has a special cause in its latest month.'));
  } else {
    parts.push(h('p', {}, `${spc.length} series ${spc.length === 1 ? 'has' : 'have'} a special cause in the latest month (statistical process control, Making Data Count rules).`));
    for (const kind of ['concern', 'improvement', 'neutral', 'common']) {
      const rows = spc.filter((r) => variationKind(r.variation) === kind);
      if (rows.length === 0) continue;
      const title = KIND_HEADING[kind];
      parts.push(table(`${title} (${rows.length})`, [
        { title: 'Indicator', value: (r) => indicatorLink(r.indicator, r.name, r.org) },
        { title: 'Organisation or service', value: (r) => orgLink(r.org, r.org_name) },
        { title: 'Variation', value: (r) => variationTag(r.variation) },
        { title: 'Latest month', value: (r) => h('span', { class: 'app-nowrap' }, formatPeriod(r.last_period)) },
        { title: 'Latest value', numeric: true, value: (r) => formatValue(r.last_value, indicators.get(r.indicator)) },
      ], rows, { id: `signals-${kind}`, captionSize: 'm' }));
    }
  }

  parts.push(...renderOutliers(signals.outliers || [], indicators));
  replace(el, ...parts);
}

/**
 * Funnel outliers grouped by indicator: one row each, the organisations worse than expected
 * in one column and better in the other (by the indicator's polarity), so that sixty outliers
 * across thirty practices read as a handful of rows.
 */
function renderOutliers(outliers, indicators) {
  const parts = [h('h2', { id: 'outliers' }, 'Outliers in the latest month')];
  if (outliers.length === 0) {
    parts.push(inset('No organisation is outside the 99.8% funnel limits in any indicator\'s latest month.'));
    return parts;
  }
  const byIndicator = new Map();
  for (const o of outliers) {
    const ind = indicators.get(o.indicator) || {};
    const polarity = o.polarity || ind.polarity;
    if (!byIndicator.has(o.indicator)) {
      byIndicator.set(o.indicator, { indicator: o.indicator, name: o.name || ind.name || o.indicator, period: o.period, worse: [], better: [], other: [] });
    }
    const row = byIndicator.get(o.indicator);
    const kind = significanceKind(o.significance, polarity);
    (kind === 'concern' ? row.worse : kind === 'improvement' ? row.better : row.other).push(o);
  }
  const rows = [...byIndicator.values()].sort((a, b) => (b.worse.length - a.worse.length) || a.name.localeCompare(b.name));
  const orgList = (list, ind, side = false) => {
    if (list.length === 0) return '–';
    const sorted = [...list].sort((a, b) => String(a.org_name || a.org).localeCompare(String(b.org_name || b.org)));
    return h('ul', { class: 'nhsuk-list app-org-list' }, sorted.map((o) => h('li', {},
      orgLink(o.org, o.org_name), ' ',
      h('span', { class: 'app-muted app-nowrap' }, formatValue(o.value, ind), side ? ` (${kindOfSide(o.significance)})` : ''))));
  };
  const hasOther = rows.some((r) => r.other.length > 0);
  parts.push(h('p', {}, `${outliers.length} ${outliers.length === 1 ? 'organisation is' : 'organisations are'} outside the 99.8% limits of a funnel plot in ${rows.length} indicator${rows.length === 1 ? '' : 's'}: further from the average than chance alone would put them.`));
  parts.push(table('Funnel plot outliers by indicator', [
    { title: 'Indicator', value: (r) => indicatorLink(r.indicator, r.name, '', r.period) },
    { title: 'Month', value: (r) => h('span', { class: 'app-nowrap' }, formatPeriod(r.period)) },
    { title: 'Worse than expected', value: (r) => orgList(r.worse, indicators.get(r.indicator)) },
    { title: 'Better than expected', value: (r) => orgList(r.better, indicators.get(r.indicator)) },
    hasOther ? { title: 'Different (no better direction)', value: (r) => orgList(r.other, indicators.get(r.indicator), true) } : null,
  ].filter(Boolean), rows, { id: 'signals-outliers', hiddenCaption: true }));
  return parts;
}

function kindOfSide(s) {
  return s.startsWith('high') ? 'higher' : s.startsWith('low') ? 'lower' : '';
}

function renderEstates(el, sites, orgNames) {
  const rows = sites.map((s) => {
    const gia = Number(s.gross_internal_m2) || 0;
    const idlePct = (Number(s.empty_pct) || 0) + (Number(s.under_used_pct) || 0);
    const booked = Number(s.room_sessions_booked);
    const avail = Number(s.room_sessions_available);
    return {
      ...s,
      idle_m2: (gia * idlePct) / 100,
      idle_pct: idlePct,
      room_use: avail > 0 && Number.isFinite(booked) ? (booked / avail) * 100 : null,
      backlog_risk: (Number(s.backlog_high_gbp) || 0) + (Number(s.backlog_significant_gbp) || 0),
    };
  }).filter((s) => s.idle_m2 > 0).sort((a, b) => b.idle_m2 - a.idle_m2).slice(0, 5);
  if (rows.length === 0) {
    replace(el);
    return;
  }
  replace(el,
    h('h2', { id: 'estates' }, 'Where space is trapped'),
    h('p', {}, 'The buildings with the most floor empty or under-used.'),
    table('Sites with the most empty or under-used floor', [
      { title: 'Site', value: (s) => s.name },
      { title: 'Occupier', value: (s) => orgLink(s.organisation, orgNames.get(s.organisation)) },
      { title: 'Empty or under-used', numeric: true, value: (s) => `${formatNumber(s.idle_m2, 0)} m² (${formatNumber(s.idle_pct, 0)}%)` },
      { title: 'Clinical rooms booked', numeric: true, value: (s) => (s.room_use === null ? '–' : `${formatNumber(s.room_use, 0)}%`) },
      { title: 'High and significant risk backlog', numeric: true, value: (s) => formatMoney(s.backlog_risk) },
    ], rows, { id: 'estates-table' }));
}

// The register's largest items: the first thing a commissioner can act on.
function renderOpportunities(el, data) {
  const top = (data.items || []).slice(0, 5);
  if (top.length === 0) {
    replace(el);
    return;
  }
  replace(el,
    h('h2', { id: 'opportunities' }, 'The largest opportunities'),
    h('p', {}, `${formatMoney(data.total_gbp)} a year across ${formatNumber(data.count, 0)} opportunities in buildings, services and processes. `,
      h('a', { href: 'opportunities.html' }, 'The whole register')),
    table('The largest opportunities', [
      { title: '£ a year', numeric: true, value: (o) => formatMoney(o.gbp) },
      { title: 'Organisation', value: (o) => h('a', { href: pageUrl('org.html', { code: o.org }) }, o.org_name || o.org) },
      { title: 'What', value: (o) => o.what },
      { title: 'Credibility', value: (o) => o.credibility.replace(/_/g, ' ') },
    ], top, { id: 'top-opportunities', hiddenCaption: true }));
}

async function main() {
  await startPage();
  const summary = await api('/summary');
  const icbCode = summary.icb;
  let icbName = '';
  if (icbCode) {
    try {
      icbName = (await api(`/organisations/${encodeURIComponent(icbCode)}`)).name;
    } catch {
      icbName = icbCode;
    }
  }
  setTitle(icbName || 'Your local health system', 'System overview');

  const figuresEl = h('section', { id: 'figures', 'aria-label': 'Headline figures' });
  const signalsEl = h('section', { id: 'signals' }, h('p', { class: 'app-loading', role: 'status' }, 'Looking for signals…'));
  const estatesEl = h('section', { id: 'estates-section' });
  const opportunitiesEl = h('section', { id: 'opportunities-section' });
  const prescribingEl = h('section', { id: 'prescribing-section' });
  replace(content,
    h('p', { class: 'nhsuk-body-l' }, 'Where resources are trapped, and what is changing. ',
      icbCode ? h('a', { href: pageUrl('org.html', { code: icbCode }) }, 'The ICB\'s services, sites, contracts and indicators') : null),
    figuresEl, opportunitiesEl, prescribingEl, signalsEl, estatesEl);
  renderFigures(figuresEl, summary);

  const [indicatorList, orgList] = await Promise.all([
    listAll('/indicators').catch(() => []),
    listAll('/organisations').catch(() => []),
  ]);
  const indicators = new Map(indicatorList.map((i) => [i.code, i]));
  const orgNames = new Map(orgList.map((o) => [o.code, o.name]));
  await Promise.all([
    section(signalsEl, 'the signals', async () => renderSignals(signalsEl, await api('/signals'), indicators)),
    section(estatesEl, 'the estates figures', async () => renderEstates(estatesEl, await listAll('/sites'), orgNames)),
    section(opportunitiesEl, 'the opportunities', async () => renderOpportunities(opportunitiesEl, await api('/opportunities'))),
    section(prescribingEl, 'the prescribing savings', () => renderTopSavings(prescribingEl)),
  ]);
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
