// scorecard.html?org=: a provider's quality scorecard. Experience is valued as highly as
// clinical outcomes, so the three quality domains (safety, effectiveness, experience) stand
// side by side in equal columns, every measure on a card of the same size; patient-reported
// measures are marked. Productivity, integration and the rest follow below.

import { api, listAll } from './api.js';
import { h, humanise, pageUrl, param, replace } from './dom.js';
import { breadcrumbs, inset, setTitle, showPageError, startPage } from './layout.js';
import { indicatorCard } from './indicator_card.js';

const content = document.getElementById('content');
const QUALITY = ['safety', 'effectiveness', 'experience'];

function column(domain, items, indicators, org) {
  return h('section', { class: 'app-scorecard__column', dataset: { domain }, 'aria-labelledby': `domain-${domain}` },
    h('h2', { id: `domain-${domain}` }, humanise(domain)),
    items.length
      ? h('ul', { class: 'app-scorecard__cards' }, items.map((it, i) => {
        const ind = { ...(indicators.get(it.indicator) || {}), code: it.indicator, name: it.name };
        return h('li', { dataset: { indicator: it.indicator, patientReported: ind.patient_reported ? 'true' : 'false' } },
          indicatorCard(it, ind, org.code, org.name, i < 3));
      }))
      : inset(`No ${domain} measure is observed for ${org.name} yet.`));
}

async function main() {
  await startPage();
  const code = param('org');
  if (!code) {
    replace(content, inset('Open a scorecard from an organisation page.'));
    return;
  }
  const [org, data, inds] = await Promise.all([
    api(`/organisations/${encodeURIComponent(code)}`),
    api(`/organisations/${encodeURIComponent(code)}/indicators`),
    listAll('/indicators'),
  ]);
  const indicators = new Map(inds.map((i) => [i.code, i]));
  setTitle(`Quality scorecard: ${org.name}`, org.code);
  breadcrumbs([{ text: 'Home', href: 'index.html' }, { text: org.name, href: pageUrl('org.html', { code: org.code }) }]);
  const byDomain = new Map();
  for (const it of data.items) {
    const d = it.domain || 'other';
    if (!byDomain.has(d)) byDomain.set(d, []);
    byDomain.get(d).push(it);
  }
  const others = [...byDomain.keys()].filter((d) => !QUALITY.includes(d)).sort();
  replace(content,
    h('p', {}, 'Safety, effectiveness and experience side by side with equal weight: what patients and carers tell us counts as much as clinical outcomes.'),
    h('div', { class: 'app-scorecard', id: 'scorecard-quality' },
      QUALITY.map((d) => column(d, byDomain.get(d) || [], indicators, org))),
    others.length
      ? h('div', { class: 'app-scorecard', id: 'scorecard-other' }, others.map((d) => column(d, byDomain.get(d), indicators, org)))
      : null);
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
}).finally(() => {
  document.body.dataset.ready = 'true';
});
