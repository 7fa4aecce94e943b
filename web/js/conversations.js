// conversations.html: the conversation log. With no parameters, the list with full-text search
// and filters (?q, org, person, tag: an organisation or a person alone is its timeline) and the
// open actions and follow-ups across the system; ?id=N one conversation; ?new=1 the form to log
// one (commissioners). A provider sees only what is shared with its organisation: the API says
// what each user may see, and this page shows exactly that.

import { api, ApiError, listAll } from './api.js';
import { formatNumber, h, pageUrl, param, replace } from './dom.js';
import { breadcrumbs, inset, section, setTitle, showPageError, startPage } from './layout.js';
import { roleName, timeline } from './conversation_view.js';
import { showConversation } from './conversation_detail.js';
import { renderForm } from './conversation_form.js';
import { renderOpenActions } from './open_actions.js';

const content = document.getElementById('content');
const PAGE = 50;

function filters() {
  return { q: param('q').trim(), org: param('org'), person: param('person'), tag: param('tag').trim() };
}

function byName(a, b) {
  return String(a.name).localeCompare(String(b.name));
}

function filterForm(f, orgs, people) {
  const group = (id, label, control) => h('div', { class: 'nhsuk-form-group app-inline-group' },
    h('label', { class: 'nhsuk-label', for: id }, label), control);
  const any = f.q || f.org || f.person || f.tag;
  return h('form', { id: 'filters', method: 'get', action: 'conversations.html', class: 'app-filters', role: 'search' },
    h('div', { class: 'app-controls' },
      group('q', 'Words in the notes, concerns or ideas',
        h('input', { class: 'nhsuk-input app-search-input', id: 'q', name: 'q', type: 'search', value: f.q, spellcheck: 'false' })),
      group('org', 'Organisation',
        h('select', { class: 'nhsuk-select app-org-select', id: 'org', name: 'org' },
          h('option', { value: '' }, 'Any organisation'),
          [...orgs].sort(byName).map((o) => h('option', { value: o.code, selected: o.code === f.org }, o.name)))),
      group('person', 'Person',
        h('select', { class: 'nhsuk-select app-org-select', id: 'person', name: 'person' },
          h('option', { value: '' }, 'Anyone'),
          [...people].sort(byName).map((p) => h('option', { value: p.key, selected: p.key === f.person }, p.name)))),
      group('tag', 'Tag',
        h('input', { class: 'nhsuk-input nhsuk-input--width-10', id: 'tag', name: 'tag', type: 'text', value: f.tag, spellcheck: 'false' })),
      h('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'submit', id: 'search' }, 'Search'),
      any ? h('p', { class: 'app-controls__link' }, h('a', { href: 'conversations.html', id: 'clear-filters' }, 'Clear the search')) : null));
}

/** What the list shows, in words, for its heading. */
function describe(f, total, orgNames, people) {
  const count = `${formatNumber(total, 0)} conversation${total === 1 ? '' : 's'}`;
  const parts = [];
  if (f.q) parts.push(`with "${f.q}"`);
  if (f.org) parts.push(`with ${orgNames.get(f.org) || f.org}`);
  if (f.person) parts.push(`${f.org ? 'and' : 'with'} ${people.get(f.person)?.name || f.person}`);
  if (f.tag) parts.push(`tagged ${f.tag}`);
  return [count, ...parts].join(' ');
}

/** An organisation or a person alone: the page is their timeline. */
function timelineHeader(f, orgNames, people) {
  if (f.q || f.tag || (f.org && f.person)) return null;
  if (f.org) {
    setTitle(`Conversations with ${orgNames.get(f.org) || f.org}`, 'Timeline');
    return h('p', {}, h('a', { href: pageUrl('org.html', { code: f.org }) }, `${orgNames.get(f.org) || f.org}: indicators, services and sites`));
  }
  if (f.person) {
    const p = people.get(f.person);
    setTitle(`Conversations with ${p?.name || f.person}`, 'Timeline');
    if (!p) return null;
    return h('p', { id: 'person-summary' }, [roleName(p.role), p.specialty].filter(Boolean).join(', '),
      p.organisation ? [', ', h('a', { href: pageUrl('org.html', { code: p.organisation }) }, orgNames.get(p.organisation) || p.organisation)] : null);
  }
  return null;
}

function pager(f, offset, shown, total) {
  const links = [];
  if (offset > 0) links.push(h('a', { href: pageUrl('conversations.html', { ...f, offset: Math.max(0, offset - PAGE) || null }), id: 'newer' }, 'Newer'));
  if (offset + shown < total) links.push(h('a', { href: pageUrl('conversations.html', { ...f, offset: offset + PAGE }), id: 'older' }, f.q ? 'More matches' : 'Older conversations'));
  return links.length ? h('p', { class: 'app-pager' }, links.flatMap((l, i) => (i ? [' · ', l] : [l]))) : null;
}

async function renderList(canWrite) {
  const f = filters();
  const offset = Math.max(0, Number.parseInt(param('offset'), 10) || 0);
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  q.set('limit', String(PAGE));
  q.set('offset', String(offset));
  const [orgs, peopleList, data] = await Promise.all([
    listAll('/organisations'), listAll('/people'), api(`/conversations?${q}`),
  ]);
  const orgNames = new Map(orgs.map((o) => [o.code, o.name]));
  const people = new Map(peopleList.map((p) => [p.key, p]));
  setTitle('Conversations', 'Across organisational boundaries');
  const header = timelineHeader(f, orgNames, people);
  if (header) breadcrumbs([{ text: 'Home', href: 'index.html' }, { text: 'Conversations', href: 'conversations.html' }]);
  const filtered = f.q || f.org || f.person || f.tag;
  const items = data.items || [];
  const openEl = h('section', { id: 'open-actions-section' }, h('p', { class: 'app-loading', role: 'status' }, 'Loading open actions…'));
  const logHref = pageUrl('conversations.html', { new: 1, org: f.org && !f.person ? f.org : null });

  replace(content,
    header,
    canWrite ? h('p', {}, h('a', { class: 'nhsuk-button', id: 'log-conversation', href: logHref }, 'Log a conversation')) : null,
    filtered ? null : h('p', {}, h('a', { href: '#open-actions' }, 'Open actions and follow-ups'), ' are below the list.'),
    filterForm(f, orgs, peopleList),
    h('section', { id: 'results', 'aria-labelledby': 'results-heading' },
      h('h2', { id: 'results-heading' }, describe(f, data.total ?? items.length, orgNames, people)),
      items.length
        ? timeline(items, orgNames, { id: 'conversation-list', level: f.q ? 3 : 4, byMonth: !f.q })
        : inset(filtered ? 'No conversation you can see matches. Try fewer words, or clear the filters.' : 'No conversation has been logged yet, or none is shared with your organisation.'),
      pager(f, offset, items.length, data.total ?? 0)),
    filtered ? null : openEl);
  if (!filtered) await section(openEl, 'the open actions', () => renderOpenActions(openEl, canWrite));
}

async function main() {
  const me = await startPage();
  const canWrite = me.role === 'commissioner' || me.role === 'admin';
  const id = param('id');
  if (id) {
    const [orgs, services] = await Promise.all([listAll('/organisations').catch(() => []), listAll('/services').catch(() => [])]);
    await showConversation(content, id, {
      canWrite,
      names: new Map(orgs.map((o) => [o.code, o.name])),
      serviceNames: new Map(services.map((s) => [s.code, s.name])),
      notice: param('saved') ? 'The conversation is saved.' : null,
    });
  } else if (param('new')) {
    if (!canWrite) throw new ApiError(403, 'Only commissioners log conversations: providers see those shared with their organisation.');
    await renderForm(content, { org: param('org'), parent: param('parent') });
  } else {
    await renderList(canWrite);
  }
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
