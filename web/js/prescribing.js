// Prescribing sections shared by pages: an organisation's measures ranked by potential saving
// (org.html) and the largest prescribing savings in the register (index.html). Each renders
// nothing when the database holds no prescribing (a 404 from the API).

import { api, ApiError } from './api.js';
import { formatMoney, formatNumber, h, pageUrl, replace } from './dom.js';
import { table } from './layout.js';

/** A month as a person reads it: 202603 -> "March 2026". */
export function formatMonth(m) {
  const y = Math.floor(Number(m) / 100);
  const mm = Number(m) % 100;
  if (!y || mm < 1 || mm > 12) return String(m);
  return new Date(Date.UTC(y, mm - 1, 1)).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

async function orNothing(el, fn) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      replace(el);
      return;
    }
    throw e;
  }
}

/** "Prescribing: measures ranked by potential saving" for one organisation. */
export async function renderOrgMeasures(el, code) {
  await orNothing(el, async () => {
    const r = await api(`/organisations/${encodeURIComponent(code)}/measures`);
    const items = r.items || [];
    if (items.length === 0) {
      replace(el);
      return;
    }
    replace(el,
      h('h2', { id: 'prescribing' }, 'Prescribing: measures ranked by potential saving'),
      h('p', {}, `${formatMonth(r.month)}, against every ${r.level === 'practice' ? 'practice' : 'sub-ICB'}: `,
        `${formatMoney(r.total_saving_at_median)} a month could be saved by prescribing like the median. `,
        'The percentile is where this organisation sits among them (100: the highest).'),
      table('Prescribing measures', [
        { title: 'Measure', value: (m) => h('a', { href: pageUrl('measure.html', { id: m.measure, org: code, level: r.level }) }, m.name) },
        { title: 'Value', numeric: true, value: (m) => formatNumber(m.value, 1) },
        { title: 'Median', numeric: true, value: (m) => formatNumber(m.median, 1) },
        { title: 'Percentile', numeric: true, value: (m) => formatNumber(m.percentile, 0) },
        { title: 'Saving at the median a month', numeric: true, value: (m) => (m.saving_at_median > 0 ? formatMoney(m.saving_at_median) : '–') },
      ], items, { id: 'org-measures', hiddenCaption: true }));
  });
}

/** The largest prescribing savings in the register (practice level). */
export async function renderTopSavings(el) {
  await orNothing(el, async () => {
    const r = await api('/prescribing/savings?limit=5');
    const items = r.items || [];
    if (items.length === 0) {
      replace(el);
      return;
    }
    replace(el,
      h('h2', { id: 'prescribing-savings' }, 'The largest prescribing savings'),
      h('p', {}, `${formatMoney(r.total_gbp)} a year across ${formatNumber(r.count, 0)} practice prescribing opportunities. `,
        h('a', { href: 'measure.html' }, 'The prescribing measures')),
      table('The largest prescribing savings', [
        { title: '£ a year', numeric: true, value: (o) => formatMoney(o.gbp) },
        { title: 'Practice', value: (o) => h('a', { href: pageUrl('org.html', { code: o.org }) }, o.org_name || o.org) },
        {
          title: 'Measure',
          value: (o) => (o.subject === 'ppu' ? o.subject_name : h('a', { href: pageUrl('measure.html', { id: o.subject, org: o.org }) }, o.subject_name)),
        },
        { title: 'Credibility', value: (o) => o.credibility.replace(/_/g, ' ') },
      ], items, { id: 'top-prescribing-savings', hiddenCaption: true }));
  });
}
