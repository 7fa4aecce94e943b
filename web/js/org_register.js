// org.html's register section: the opportunities of an organisation and everything below it
// (GET /api/v1/opportunities?org=CODE), their total, the largest few, and a link to the whole
// filtered register, where they can be acted on.

import { api } from './api.js';
import { formatMoney, formatNumber, h, humanise, pageUrl, replace } from './dom.js';
import { table } from './layout.js';

const SHOWN = 5;

export async function renderOrgRegister(el, org) {
  const data = await api(`/opportunities?org=${encodeURIComponent(org.code)}`);
  const items = data.items || [];
  const link = h('a', { id: 'org-register-link', href: pageUrl('opportunities.html', { org: org.code }) },
    `The register for ${org.code}`);
  if (items.length === 0) {
    replace(el, h('h2', { id: 'opportunities' }, 'Trapped resources'),
      h('p', { class: 'nhsuk-body', id: 'org-register-total' }, 'No opportunities in the register here. ', link));
    return;
  }
  const by = data.by_kind || {};
  replace(el,
    h('h2', { id: 'opportunities' }, 'Trapped resources'),
    h('p', { class: 'nhsuk-body', id: 'org-register-total' },
      h('strong', {}, `${formatMoney(data.total_gbp)} a year`),
      ` in ${formatNumber(data.count, 0)} ${data.count === 1 ? 'opportunity' : 'opportunities'} here and in the organisations within`,
      ` (estates ${formatMoney(by.estates)}, services and processes ${formatMoney(by.indicator)}, prescribing ${formatMoney(by.prescribing)}). `,
      link),
    table('The largest opportunities here', [
      { title: '£ a year', numeric: true, value: (o) => formatMoney(o.gbp) },
      { title: 'Organisation', value: (o) => (o.org === org.code ? o.org_name || o.org : h('a', { href: pageUrl('org.html', { code: o.org }) }, o.org_name || o.org)) },
      { title: 'What', value: (o) => h('span', { title: o.method }, o.what) },
      { title: 'Credibility', value: (o) => humanise(o.credibility) },
      { title: 'Status', value: (o) => humanise(o.status) },
    ], items.slice(0, SHOWN), { id: 'org-opportunities', hiddenCaption: true }));
}
