// reviews.html: clinically oriented contract review (docs/contract-review.md). Without ?id, the
// reviews this user may see, newest first. With ?id, one review: who attended (clinicians
// named), what was found in each domain, the actions agreed, and beneath it the contract's
// review view: quality domain by domain (each indicator's SPC card, its funnel position and its
// comparison with the benchmark), with the services and their money beside it, and a link to
// the print-ready review pack.

import { api, listAll } from './api.js';
import { formatMoney, h, humanise, pageUrl, param, pathwayName, replace } from './dom.js';
import { breadcrumbs, inset, setTitle, showPageError, startPage, table } from './layout.js';
import { indicatorCard } from './indicator_card.js';
import { significanceTag } from './spc.js';

const content = document.getElementById('content');

function reviewLink(r) {
  return h('a', { href: pageUrl('reviews.html', { id: r.id }) }, r.held_on);
}

async function showList() {
  const data = await api('/reviews');
  setTitle('Contract reviews');
  breadcrumbs([{ text: 'Home', href: 'index.html' }]);
  if (data.items.length === 0) {
    replace(content, inset('No contract review you may see has been recorded yet.'));
    return;
  }
  replace(content,
    h('p', {}, 'Each review looks at the contract\'s quality first (safety, effectiveness and experience), with its value and activity beside it.'),
    table('Contract reviews, newest first', [
      { title: 'Held', value: reviewLink },
      { title: 'Contract', value: (r) => r.contract },
      { title: 'Provider', value: (r) => r.provider_name },
      { title: 'Attended', value: (r) => `${r.attendees} (${r.clinicians} clinician${r.clinicians === 1 ? '' : 's'})` },
      { title: 'Open actions', value: (r) => (r.overdue_actions ? `${r.open_actions} (${r.overdue_actions} overdue)` : String(r.open_actions)), numeric: true },
      { title: 'Next review', value: (r) => r.next_review || '–' },
    ], data.items, { id: 'review-list', hiddenCaption: true, rowClass: (r) => (r.overdue_actions ? 'app-row--overdue' : '') }));
}

function peers(it, ind) {
  const parts = [];
  if (it.funnel) parts.push(h('li', {}, significanceTag(it.funnel.significance, ind.polarity), ` among ${it.funnel.peers} organisations`));
  if (it.compare) parts.push(h('li', { dataset: { compare: it.compare.three } }, `${humanise(it.compare.three)} compared with ${it.compare.benchmark_name}`));
  if (!it.funnel && !it.compare) parts.push(h('li', {}, it.subject === ind.provider ? 'No peers to compare with' : `Service ${it.subject}`));
  return h('ul', { class: 'nhsuk-list nhsuk-body-s' }, parts);
}

function domainSection(dom, review, indicators, provider) {
  const finding = (review?.findings || []).find((f) => f.domain === dom.domain);
  return h('section', { class: 'app-review-domain', dataset: { domain: dom.domain }, 'aria-labelledby': `domain-${dom.domain}` },
    h('h2', { id: `domain-${dom.domain}` }, humanise(dom.domain)),
    finding
      ? h('div', { class: 'nhsuk-inset-text app-review-finding' },
        h('p', {}, h('strong', {}, finding.assurance ? `Found (${humanise(finding.assurance).toLowerCase()}): ` : 'Found: '), finding.finding))
      : null,
    dom.indicators.length
      ? h('ul', { class: 'app-chart-grid' }, dom.indicators.map((it) => {
        const ind = { ...(indicators.get(it.indicator) || {}), code: it.indicator, name: it.name, provider: provider.code };
        // Where it sits against its peers goes inside the card, under its latest value.
        const card = indicatorCard(it, ind, it.subject, it.subject === provider.code ? provider.name : it.subject, false);
        card.querySelector('.nhsuk-card__content').append(peers(it, ind));
        return h('li', { dataset: { indicator: it.indicator } }, card);
      }))
      : inset(`No ${dom.domain} indicator is observed for ${provider.name}.`));
}

function reviewDetail(r) {
  return h('section', { id: 'review', 'aria-labelledby': 'review-heading' },
    h('h2', { id: 'review-heading' }, `The review of ${r.held_on}`),
    r.summary ? h('p', {}, r.summary) : null,
    table('Attended', [
      { title: 'Name', value: (a) => a.name },
      { title: 'Role', value: (a) => humanise(a.role) },
      { title: 'Specialty', value: (a) => a.specialty || '–' },
      { title: 'Organisation', value: (a) => a.organisation || '–' },
    ], r.attendees, { id: 'attendees', rowClass: (a) => (a.clinician ? 'app-row--clinician' : '') }),
    r.actions.length
      ? table('Agreed actions', [
        { title: 'Action', value: (a) => a.description },
        { title: 'Owner', value: (a) => a.owner_name || '–' },
        { title: 'Due', value: (a) => (a.overdue ? h('strong', { class: 'app-overdue' }, `${a.due} (overdue)`) : a.due || '–') },
        { title: 'Status', value: (a) => humanise(a.status) },
      ], r.actions, { id: 'actions' })
      : inset('No action was agreed.'),
    h('p', {}, r.next_review ? `Next review: ${r.next_review}.` : 'No date set for the next review.'));
}

async function showReview(id) {
  const review = await api(`/reviews/${encodeURIComponent(id)}`);
  const [view, inds] = await Promise.all([
    api(`/contracts/${encodeURIComponent(review.contract)}/review`),
    listAll('/indicators'),
  ]);
  const indicators = new Map(inds.map((i) => [i.code, i]));
  const k = view.contract;
  const provider = { code: k.provider, name: k.provider_name };
  setTitle(`Contract review: ${k.provider_name}`, k.code);
  breadcrumbs([{ text: 'Home', href: 'index.html' }, { text: 'Contract reviews', href: 'reviews.html' }]);
  replace(content,
    h('p', {},
      `${formatMoney(k.annual_value_gbp)} a year from ${k.start} to ${k.end}, commissioned by ${k.commissioner_name}. `,
      h('a', { href: `/api/v1/contracts/${encodeURIComponent(k.code)}/review-pack`, id: 'review-pack' }, 'The review pack (print-ready)')),
    reviewDetail(review),
    view.domains.map((d) => domainSection(d, review, indicators, provider)),
    h('section', { id: 'money', 'aria-labelledby': 'money-heading' },
      h('h2', { id: 'money-heading' }, 'Services and money'),
      table(`The provider's services: ${formatMoney(view.money.services_gbp)} a year`, [
        { title: 'Service', value: (s) => s.name },
        { title: 'Pathway', value: (s) => pathwayName(s.pathway) },
        { title: 'A year', value: (s) => formatMoney(s.annual_gbp), numeric: true },
      ], view.services, { id: 'services' })));
}

async function main() {
  await startPage();
  const id = param('id');
  if (id) await showReview(id);
  else await showList();
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
}).finally(() => {
  document.body.dataset.ready = 'true';
});
