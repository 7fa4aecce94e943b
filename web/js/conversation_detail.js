// conversation_detail: one conversation (conversations.html?id=N): who was there on each side,
// the organisations, what matters to them, concerns, ideas, agreements, the actions with a
// control to set their status, the follow-up, the chain it belongs to, and the notes.

import { api, ApiError } from './api.js';
import { formatPeriod, h, pageUrl, pathwayName, replace } from './dom.js';
import { breadcrumbs, errorBox, inset, setTitle, table } from './layout.js';
import {
  ACTION_STATUSES, conversationUrl, modeName, overdueTag, roleName, statusName, todayIso, visibilityTag,
} from './conversation_view.js';
import { safeFragment } from './safe_html.js';

const TEXTS = [
  ['what_matters', 'What matters to them'],
  ['concerns', 'Concerns'],
  ['ideas', 'Ideas'],
  ['agreements', 'Agreements'],
];

/** Text typed into a box: a paragraph per blank-line-separated part, line breaks kept (CSS). */
function paragraphs(text) {
  return String(text).split(/\n\s*\n/).map((p) => h('p', { class: 'app-prewrap' }, p.trim()));
}

function summaryList(rows, id) {
  return h('dl', { class: 'nhsuk-summary-list', id },
    rows.filter(Boolean).map(([k, v]) => h('div', { class: 'nhsuk-summary-list__row' },
      h('dt', { class: 'nhsuk-summary-list__key' }, k),
      h('dd', { class: 'nhsuk-summary-list__value' }, v))));
}

function inlineList(nodes) {
  return h('ul', { class: 'nhsuk-list app-inline-list nhsuk-u-margin-bottom-0' }, nodes.map((n) => h('li', {}, n)));
}

/** A chart the conversation looked at, as a link to our indicator page when we can tell which. */
function chartLink(path) {
  const m = /^\/api\/v1\/indicators\/([^/?]+)\/spc(?:\.svg)?\?(.*)$/.exec(path);
  if (m) {
    const org = new URLSearchParams(m[2]).get('org');
    return h('a', { href: pageUrl('indicator.html', { code: decodeURIComponent(m[1]), org }) }, `${decodeURIComponent(m[1])}${org ? ` for ${org}` : ''}`);
  }
  return path;
}

function followUp(c) {
  if (!c.follow_up) return null;
  const continued = (c.children || []).length > 0;
  const today = todayIso();
  let tag = null;
  if (continued) tag = h('strong', { class: 'nhsuk-tag nhsuk-tag--green' }, 'Followed up');
  else if (c.follow_up < today) tag = overdueTag();
  else if (c.follow_up === today) tag = h('strong', { class: 'nhsuk-tag nhsuk-tag--yellow' }, 'Due today');
  return ['Follow up by', h('span', {}, formatPeriod(c.follow_up), tag ? [' ', tag] : null)];
}

/** The titles of the conversations around this one that the viewer may see (else left out). */
async function titles(ids) {
  const got = await Promise.all(ids.map((id) => api(`/conversations/${encodeURIComponent(id)}`).catch(() => null)));
  return got.filter(Boolean);
}

function chainLink(c) {
  return h('a', { href: conversationUrl(c.id) }, `${c.title} (${formatPeriod(c.held_on)})`);
}

function person(p, names) {
  const detail = [roleName(p.role), p.specialty].filter(Boolean).join(', ');
  return h('li', { dataset: { person: p.person } },
    h('a', { href: pageUrl('conversations.html', { person: p.person }) }, p.name || p.person),
    detail ? h('span', { class: 'app-muted' }, ` – ${detail}`) : null,
    p.organisation ? h('span', { class: 'app-muted' }, ` (${names.get(p.organisation) || p.organisation})`) : null);
}

function sides(c, names) {
  const side = (s) => (c.participants || []).filter((p) => p.side === s);
  const block = (title, people) => h('div', { class: 'app-side' },
    h('h3', {}, `${title} (${people.length})`),
    people.length ? h('ul', { class: 'nhsuk-list' }, people.map((p) => person(p, names))) : h('p', { class: 'app-muted' }, 'Nobody recorded.'));
  return h('div', { class: 'app-sides', id: 'participants' },
    block('Commissioner side', side('commissioner')),
    block('Provider side', side('provider')));
}

function actionStatusForm(c, a, onChanged) {
  const id = `action-${a.n}-status`;
  const select = h('select', { class: 'nhsuk-select', id, name: 'status' },
    ACTION_STATUSES.map(([v, t]) => h('option', { value: v, selected: v === a.status }, t)));
  const button = h('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button-inline', type: 'submit' }, 'Set');
  return h('form', {
    class: 'app-inline-form', novalidate: true, dataset: { action: a.n },
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        button.disabled = true;
        try {
          const updated = await api(`/conversations/${encodeURIComponent(c.id)}/actions/${a.n}`, { method: 'PUT', json: { status: select.value } });
          onChanged(updated, `Action ${a.n} is now ${statusName(select.value).toLowerCase()}.`);
        } catch (e) {
          onChanged(null, null, e);
        } finally {
          button.disabled = false;
        }
      },
    },
  },
  h('label', { class: 'nhsuk-label nhsuk-u-visually-hidden', for: id }, `Status of action ${a.n}: ${a.description}`),
  select, button);
}

function actionsTable(c, canWrite, onChanged) {
  const columns = [
    { title: 'Action', value: (a) => a.description },
    { title: 'Owner', value: (a) => (a.owner ? h('a', { href: pageUrl('conversations.html', { person: a.owner }) }, a.owner_name || a.owner) : 'Nobody yet') },
    { title: 'Due', value: (a) => h('span', { class: 'app-nowrap' }, a.due ? formatPeriod(a.due) : 'No date', a.overdue ? [' ', overdueTag()] : null) },
    { title: 'Status', value: (a) => h('span', { class: 'app-action-status' }, statusName(a.status)) },
  ];
  if (canWrite) columns.push({ title: 'Change status', value: (a) => actionStatusForm(c, a, onChanged) });
  return table('Actions', columns, c.actions, { id: 'actions-table', hiddenCaption: true, rowClass: (a) => (a.overdue ? 'app-row--overdue' : '') });
}

/**
 * Draws conversation c into content. opts: canWrite (commissioners may change its actions),
 * names (organisation code → name), serviceNames (code → name), notice (a line to say what just
 * happened).
 */
export async function renderDetail(content, c, opts) {
  const { canWrite, names, serviceNames, notice } = opts;
  const [parent, children] = await Promise.all([
    c.parent ? titles([c.parent]).then((t) => t[0] || null) : null,
    titles(c.children || []),
  ]);
  breadcrumbs([{ text: 'Home', href: 'index.html' }, { text: 'Conversations', href: 'conversations.html' }]);
  setTitle(c.title, `${formatPeriod(c.held_on)} · ${modeName(c.mode)}`);
  const orgNames = c.organisation_names || {};
  const orgs = (c.organisations || []).map((o) => h('a', { href: pageUrl('conversations.html', { org: o }) }, orgNames[o] || o));
  const msg = h('div', { id: 'detail-message', role: 'status' }, notice ? h('p', { class: 'nhsuk-body' }, notice) : null);

  const redraw = (updated, text, err) => {
    if (err) {
      replace(msg, errorBox('The action was not changed', err.message || String(err)));
      return;
    }
    renderDetail(content, updated, { ...opts, notice: text });
  };

  const shared = c.visibility === 'shared'
    ? h('span', {}, visibilityTag(c), ` with ${(c.organisations || []).map((o) => orgNames[o] || o).join(', ') || 'no organisation'}`)
    : h('span', {}, visibilityTag(c), ' (providers do not see it)');
  const texts = TEXTS.filter(([k]) => c[k]);
  replace(content,
    msg,
    summaryList([
      ['Held on', formatPeriod(c.held_on)],
      ['How', modeName(c.mode)],
      ['Organisations', orgs.length ? inlineList(orgs) : 'None named'],
      ['Who sees it', shared],
      (c.services || []).length ? ['Services', inlineList(c.services.map((s) => h('a', { href: pageUrl('org.html', { code: s }) }, serviceNames.get(s) || s)))] : null,
      (c.pathways || []).length ? ['Pathways', inlineList(c.pathways.map((p) => h('a', { href: pageUrl('relationships.html', { pathway: p }) + '#involvement' }, pathwayName(p))))] : null,
      (c.tags || []).length ? ['Tags', inlineList(c.tags.map((t) => h('a', { href: pageUrl('conversations.html', { tag: t }) }, t)))] : null,
      (c.opportunities || []).length ? ['Opportunities discussed', inlineList(c.opportunities)] : null,
      (c.charts || []).length ? ['Charts looked at', inlineList(c.charts.map(chartLink))] : null,
      followUp(c),
      parent ? ['Continues', chainLink(parent)] : null,
      children.length ? ['Followed by', inlineList(children.map(chainLink))] : null,
      ['Recorded', `${formatPeriod(String(c.created_at).slice(0, 10))} by ${c.created_by}${c.version > 1 ? `; changed ${formatPeriod(String(c.updated_at).slice(0, 10))} by ${c.updated_by}` : ''}`],
    ], 'conversation-summary'),
    canWrite ? h('p', {}, h('a', { class: 'nhsuk-button nhsuk-button--secondary', id: 'log-follow-up', href: pageUrl('conversations.html', { new: 1, parent: c.id }) }, 'Log the follow-up conversation')) : null,
    h('h2', {}, 'Who was there'),
    sides(c, names),
    texts.map(([k, title]) => h('section', { id: `section-${k.replace('_', '-')}` }, h('h2', {}, title), paragraphs(c[k]))),
    h('h2', { id: 'actions' }, 'Actions'),
    (c.actions || []).length ? actionsTable(c, canWrite, redraw) : inset('No action was agreed.'),
    c.notes_html ? h('section', { id: 'notes' }, h('h2', {}, 'Notes'), h('div', { class: 'app-notes' }, safeFragment(c.notes_html, 3))) : null);
}

/** Loads conversation id and draws it; a conversation the viewer may not see is "not found". */
export async function showConversation(content, id, opts) {
  let c;
  try {
    c = await api(`/conversations/${encodeURIComponent(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new ApiError(404, `There is no conversation ${id}, or it is not shared with you.`);
    throw e;
  }
  await renderDetail(content, c, opts);
}
