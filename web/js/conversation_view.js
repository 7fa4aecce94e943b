// conversation_view: the pieces of a conversation that more than one page draws: its mode and
// visibility in words, the search snippet with the matched words marked, and a timeline of
// conversations (the conversations page, an organisation's page).

import { formatPeriod, h, humanise, pageUrl } from './dom.js';

export const MODES = [['face_to_face', 'Face to face'], ['video', 'Video'], ['phone', 'Phone']];
export const ACTION_STATUSES = [['open', 'Open'], ['done', 'Done'], ['dropped', 'Dropped']];

export function modeName(mode) {
  return (MODES.find(([m]) => m === mode) || [mode, mode])[1];
}

const ROLES = { gp_commissioner: 'GP commissioner', lay_member: 'Lay member' };

/** A person's role in words: "gp_commissioner" → "GP commissioner". */
export function roleName(role) {
  return ROLES[role] || humanise(role);
}

export function statusName(status) {
  return (ACTION_STATUSES.find(([s]) => s === status) || [status, status])[1];
}

/** Today in the browser's own time zone, as YYYY-MM-DD. */
export function todayIso(now = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function conversationUrl(id) {
  return pageUrl('conversations.html', { id });
}

/** Whether it is shared with the organisations named, as a tag. */
export function visibilityTag(c) {
  return c.visibility === 'shared'
    ? h('strong', { class: 'nhsuk-tag nhsuk-tag--blue' }, 'Shared')
    : h('strong', { class: 'nhsuk-tag nhsuk-tag--grey' }, 'Commissioners only');
}

export function overdueTag(text = 'Overdue') {
  return h('strong', { class: 'nhsuk-tag nhsuk-tag--red' }, text);
}

/**
 * The API's snippet, with the words it matched between U+0002 and U+0003, as text nodes and
 * <mark> elements: the snippet is never parsed as HTML.
 */
export function snippet(s) {
  const parts = [];
  const re = /\u0002([^\u0002\u0003]*)\u0003/g;
  let last = 0;
  let m;
  while ((m = re.exec(s)) !== null) {
    if (m.index > last) parts.push(s.slice(last, m.index));
    parts.push(h('mark', {}, m[1]));
    last = re.lastIndex;
  }
  if (last < s.length) parts.push(s.slice(last));
  return parts.map((p) => (typeof p === 'string' ? p.replace(/[\u0002\u0003]/g, '') : p));
}

function entry(c, names, level) {
  const orgs = (c.organisations || []).map((o) => names.get(o) || o);
  const meta = [modeName(c.mode), orgs.length ? orgs.join(', ') : null].filter(Boolean).join(' · ');
  const due = c.follow_up ? `Follow up by ${formatPeriod(c.follow_up)}` : null;
  return h('li', { class: 'app-timeline__item', dataset: { id: c.id } },
    h('p', { class: 'app-timeline__date' }, h('time', { datetime: c.held_on }, formatPeriod(c.held_on))),
    h(`h${level}`, { class: 'nhsuk-heading-s app-timeline__title' }, h('a', { href: conversationUrl(c.id) }, c.title)),
    h('p', { class: 'nhsuk-body-s nhsuk-u-margin-bottom-1' }, meta),
    c.participants ? h('p', { class: 'nhsuk-body-s app-muted nhsuk-u-margin-bottom-1' }, c.participants) : null,
    c.snippet ? h('p', { class: 'nhsuk-body-s app-snippet nhsuk-u-margin-bottom-1' }, snippet(c.snippet)) : null,
    h('ul', { class: 'app-tags nhsuk-u-margin-bottom-0' },
      h('li', {}, visibilityTag(c)),
      c.open_actions ? h('li', {}, h('strong', { class: 'nhsuk-tag nhsuk-tag--yellow' }, `${c.open_actions} open action${c.open_actions === 1 ? '' : 's'}`)) : null,
      due ? h('li', {}, h('strong', { class: 'nhsuk-tag nhsuk-tag--white' }, due)) : null));
}

/**
 * Conversations as a timeline, newest first as the API gives them. names: organisation code →
 * name. opts.level: the heading level of each title; opts.byMonth: a heading per month (one level
 * up from the titles), for lists in date order (not search results, which come best first).
 */
export function timeline(items, names, opts = {}) {
  const level = opts.level || 3;
  if (!opts.byMonth) return h('ol', { class: 'app-timeline', id: opts.id || null }, items.map((c) => entry(c, names, level)));
  const months = [];
  for (const c of items) {
    const m = String(c.held_on).slice(0, 7);
    if (!months.length || months[months.length - 1].month !== m) months.push({ month: m, items: [] });
    months[months.length - 1].items.push(c);
  }
  return h('div', { class: 'app-timeline-months', id: opts.id || null },
    months.map((m) => h('section', { class: 'app-timeline-month' },
      h(`h${level - 1}`, { class: 'nhsuk-heading-xs app-timeline__month' }, formatPeriod(m.month)),
      h('ol', { class: 'app-timeline' }, m.items.map((c) => entry(c, names, level))))));
}
