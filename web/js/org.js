// org.html?code=: one organisation (or a service, when a signal names one): where it sits, its
// indicators with small SPC charts and icons, its services, sites and contracts.

import { api, ApiError, listAll } from './api.js';
import { formatMoney, formatNumber, formatPeriod, h, orgKindName, pageUrl, param, pathwayName, replace } from './dom.js';
import { breadcrumbs, inset, section, setTitle, showPageError, startPage, table } from './layout.js';
import { indicatorCard } from './indicator_card.js';
import { renderOrgRegister } from './org_register.js';
import { variationKind } from './spc.js';
import { renderOrgConversations } from './org_conversations.js';
import { renderOrgMeasures } from './prescribing.js';

const content = document.getElementById('content');
const KIND_ORDER = { concern: 0, improvement: 1, neutral: 2, common: 3 };

function summaryList(rows) {
  return h('dl', { class: 'nhsuk-summary-list', id: 'org-summary' },
    rows.filter(Boolean).map(([k, v]) => h('div', { class: 'nhsuk-summary-list__row' },
      h('dt', { class: 'nhsuk-summary-list__key' }, k),
      h('dd', { class: 'nhsuk-summary-list__value' }, v))));
}

function orgLink(code, names) {
  if (!code) return '–';
  return h('a', { href: pageUrl('org.html', { code }) }, names.get(code) || code);
}

/** The organisation's ancestors, nearest last (for the breadcrumbs). */
async function ancestors(org) {
  const chain = [];
  let parent = org.parent;
  const seen = new Set([org.code]);
  while (parent && !seen.has(parent) && chain.length < 6) {
    seen.add(parent);
    try {
      const p = await api(`/organisations/${encodeURIComponent(parent)}`);
      chain.unshift(p);
      parent = p.parent;
    } catch {
      break;
    }
  }
  return chain;
}

/** Cards with a small SPC chart for each indicator observed for this subject. */
function renderIndicators(el, subjectCode, subjectName, items, indicators) {
  const sorted = [...items].sort((a, b) => (KIND_ORDER[variationKind(a.variation)] - KIND_ORDER[variationKind(b.variation)])
    || String(a.name || a.indicator).localeCompare(String(b.name || b.indicator)));
  if (sorted.length === 0) {
    replace(el, h('h2', { id: 'indicators' }, 'Indicators'), inset('No indicator is observed for this organisation.'));
    return;
  }
  const cards = sorted.map((it, i) => {
    const ind = { ...(indicators.get(it.indicator) || {}), code: it.indicator, name: it.name || indicators.get(it.indicator)?.name };
    return h('li', { dataset: { indicator: it.indicator } }, indicatorCard(it, ind, subjectCode, subjectName, i < 4));
  });
  replace(el,
    h('h2', { id: 'indicators' }, 'Indicators'),
    h('p', {}, `${sorted.length} indicator${sorted.length === 1 ? '' : 's'}, each as a statistical process control chart of its months. Special causes come first.`),
    h('ul', { class: 'app-chart-grid', id: 'indicator-charts' }, cards));
}

function renderServices(el, services, siteNames) {
  if (services.length === 0) {
    replace(el);
    return;
  }
  replace(el, h('h2', { id: 'services' }, `Services (${services.length})`),
    table(`Services (${services.length})`, [
      { title: 'Service', value: (s) => h('a', { href: pageUrl('org.html', { code: s.code }) }, s.name) },
      { title: 'Pathway', value: (s) => pathwayName(s.pathway) },
      { title: 'Site', value: (s) => (s.site ? siteNames.get(s.site) || s.site : '–') },
      { title: 'Annual cost', numeric: true, value: (s) => formatMoney(s.annual_gbp) },
    ], services, { id: 'services-table', hiddenCaption: true }));
}

function renderSites(el, sites) {
  if (sites.length === 0) {
    replace(el);
    return;
  }
  const pct = (x) => (x === null || x === undefined ? '–' : `${formatNumber(x, 0)}%`);
  replace(el, h('h2', { id: 'sites' }, `Sites (${sites.length})`),
    table(`Sites (${sites.length})`, [
      { title: 'Site', value: (s) => s.name },
      { title: 'Floor area', numeric: true, value: (s) => `${formatNumber(s.gross_internal_m2, 0)} m²` },
      { title: 'Empty', numeric: true, value: (s) => pct(s.empty_pct) },
      { title: 'Under-used', numeric: true, value: (s) => pct(s.under_used_pct) },
      {
        title: 'Clinical rooms booked', numeric: true,
        value: (s) => (Number(s.room_sessions_available) > 0 ? pct((Number(s.room_sessions_booked) / Number(s.room_sessions_available)) * 100) : '–'),
      },
      { title: 'Facilities management a year', numeric: true, value: (s) => formatMoney((Number(s.hard_fm_gbp) || 0) + (Number(s.soft_fm_gbp) || 0)) },
      { title: 'High and significant risk backlog', numeric: true, value: (s) => formatMoney((Number(s.backlog_high_gbp) || 0) + (Number(s.backlog_significant_gbp) || 0)) },
    ], sites, { id: 'sites-table', hiddenCaption: true }));
}

function renderContracts(el, contracts, names) {
  if (contracts.length === 0) {
    replace(el);
    return;
  }
  replace(el, h('h2', { id: 'contracts' }, `Contracts (${contracts.length})`),
    table(`Contracts (${contracts.length})`, [
      { title: 'Contract', value: (c) => h('span', { class: 'app-nowrap' }, c.code) },
      { title: 'Commissioner', value: (c) => orgLink(c.commissioner, names) },
      { title: 'Provider', value: (c) => orgLink(c.provider, names) },
      { title: 'Annual value', numeric: true, value: (c) => formatMoney(c.annual_value_gbp) },
      { title: 'From', value: (c) => h('span', { class: 'app-nowrap' }, c.start ? formatPeriod(c.start) : '–') },
      { title: 'To', value: (c) => h('span', { class: 'app-nowrap' }, c.end ? formatPeriod(c.end) : '–') },
    ], contracts, { id: 'contracts-table', hiddenCaption: true }));
}

function renderChildren(el, children) {
  if (children.length === 0) {
    replace(el);
    return;
  }
  const sorted = [...children].sort((a, b) => String(a.name).localeCompare(String(b.name)));
  replace(el, h('h2', { id: 'within' }, `Organisations within (${children.length})`),
    h('ul', { class: 'nhsuk-list nhsuk-list--bullet', id: 'children-list' },
      sorted.map((c) => h('li', {}, h('a', { href: pageUrl('org.html', { code: c.code }) }, c.name), ` (${orgKindName(c.kind)})`))));
}

/** A link to the print-ready conversation pack (one or two A4 pages), in a new tab. */
function packButton(org) {
  return h('p', {},
    h('a', {
      href: `/api/v1/organisations/${encodeURIComponent(org.code)}/pack`,
      class: 'nhsuk-button nhsuk-button--secondary', id: 'pack-button', target: '_blank', rel: 'noopener',
    }, 'Conversation pack'));
}

async function showOrganisation(org) {
  const names = new Map();
  const [chain, allOrgs, indicatorList] = await Promise.all([
    ancestors(org),
    listAll('/organisations').catch(() => []),
    listAll('/indicators').catch(() => []),
  ]);
  for (const o of allOrgs) names.set(o.code, o.name);
  names.set(org.code, org.name);
  const indicators = new Map(indicatorList.map((i) => [i.code, i]));

  breadcrumbs([{ text: 'Home', href: 'index.html' }, ...chain.map((o) => ({ text: o.name, href: pageUrl('org.html', { code: o.code }) }))]);
  setTitle(org.name, `${org.code} · ${orgKindName(org.kind)}`);
  content.before(h('p', { id: 'scorecard-link' }, h('a', { href: pageUrl('scorecard.html', { org: org.code }) }, 'Quality scorecard: safety, effectiveness and experience side by side')));

  const children = allOrgs.filter((o) => o.parent === org.code);
  const indicatorsEl = h('section', { id: 'indicators-section' }, h('p', { class: 'app-loading', role: 'status' }, 'Loading indicators…'));
  const servicesEl = h('section', { id: 'services-section' });
  const sitesEl = h('section', { id: 'sites-section' });
  const contractsEl = h('section', { id: 'contracts-section' });
  const childrenEl = h('section', { id: 'children-section' });
  const prescribingEl = h('section', { id: 'prescribing-section' });
  const registerEl = h('section', { id: 'register-section' });
  replace(content,
    summaryList([
      ['Code', org.code],
      ['Kind', orgKindName(org.kind)],
      org.parent ? ['Part of', orgLink(org.parent, names)] : null,
      children.length ? ['Contains', h('a', { href: '#within' }, `${children.length} organisation${children.length === 1 ? '' : 's'}`)] : null,
    ]),
    packButton(org),
    registerEl,
    indicatorsEl, prescribingEl, servicesEl, sitesEl, contractsEl, childrenEl);
  const conversationsEl = h('section', { id: 'conversations-section' });
  content.append(conversationsEl);
  renderChildren(childrenEl, children);

  const enc = encodeURIComponent(org.code);
  let siteNames = new Map();
  await Promise.all([
    section(prescribingEl, 'the prescribing measures', () => renderOrgMeasures(prescribingEl, org.code)),
    section(registerEl, 'the opportunities', () => renderOrgRegister(registerEl, org)),
    section(conversationsEl, 'the conversations', () => renderOrgConversations(conversationsEl, org, names)),
    section(indicatorsEl, 'the indicators', async () => {
      const r = await api(`/organisations/${enc}/indicators`);
      renderIndicators(indicatorsEl, org.code, org.name, r.items || [], indicators);
    }),
    section(sitesEl, 'the sites', async () => {
      // Its own sites; and every site, for the names of the sites its services use.
      const [own, all] = await Promise.all([listAll('/sites', { organisation: org.code }), listAll('/sites')]);
      siteNames = new Map(all.map((s) => [s.code, s.name]));
      renderSites(sitesEl, own);
    }),
    section(contractsEl, 'the contracts', async () => {
      const [asProvider, asCommissioner] = await Promise.all([
        listAll('/contracts', { provider: org.code }),
        listAll('/contracts', { commissioner: org.code }),
      ]);
      const all = new Map([...asProvider, ...asCommissioner].map((c) => [c.code, c]));
      renderContracts(contractsEl, [...all.values()], names);
    }),
  ]);
  await section(servicesEl, 'the services', async () => {
    const services = await listAll('/services', { provider: org.code });
    renderServices(servicesEl, services, siteNames);
  });
}

/** A service named where an organisation was expected (e.g. a signal about a service). */
async function showService(svc) {
  const [provider, indicatorList, site] = await Promise.all([
    api(`/organisations/${encodeURIComponent(svc.provider)}`).catch(() => null),
    listAll('/indicators').catch(() => []),
    svc.site ? api(`/sites/${encodeURIComponent(svc.site)}`).catch(() => null) : null,
  ]);
  const indicators = new Map(indicatorList.map((i) => [i.code, i]));
  const chain = provider ? [...(await ancestors(provider)), provider] : [];
  breadcrumbs([{ text: 'Home', href: 'index.html' }, ...chain.map((o) => ({ text: o.name, href: pageUrl('org.html', { code: o.code }) }))]);
  setTitle(svc.name, `${svc.code} · Service`);
  const names = new Map(provider ? [[provider.code, provider.name]] : []);
  const indicatorsEl = h('section', { id: 'indicators-section' }, h('p', { class: 'app-loading', role: 'status' }, 'Loading indicators…'));
  replace(content,
    summaryList([
      ['Code', svc.code],
      ['Provider', orgLink(svc.provider, names)],
      ['Pathway', pathwayName(svc.pathway)],
      ['Site', site ? site.name : svc.site || '–'],
      ['Annual cost', formatMoney(svc.annual_gbp)],
    ]),
    indicatorsEl);
  await section(indicatorsEl, 'the indicators', async () => {
    let items;
    try {
      items = (await api(`/organisations/${encodeURIComponent(svc.code)}/indicators`)).items || [];
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 404) throw e;
      // Fall back to the observations: one card per indicator observed for the service.
      const obs = await listAll('/observations', { service: svc.code });
      const last = new Map();
      for (const o of obs) if (!last.has(o.indicator) || o.period > last.get(o.indicator).period) last.set(o.indicator, o);
      items = [...last.values()].map((o) => ({
        indicator: o.indicator, name: indicators.get(o.indicator)?.name, last_period: o.period, last_value: o.value, variation: null,
      }));
    }
    renderIndicators(indicatorsEl, svc.code, svc.name, items, indicators);
  });
}

async function main() {
  await startPage();
  const code = param('code');
  if (!code) {
    throw new ApiError(404, 'No organisation was named: open this page from a link, for example on the home page.');
  }
  let org = null;
  try {
    org = await api(`/organisations/${encodeURIComponent(code)}`);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
  }
  if (org) {
    await showOrganisation(org);
  } else {
    let svc = null;
    try {
      svc = await api(`/services/${encodeURIComponent(code)}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) throw new ApiError(404, `There is no organisation or service with the code ${code}.`);
      throw e;
    }
    await showService(svc);
  }
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
