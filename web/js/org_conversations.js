// org_conversations: the "Conversations" section of an organisation's page: its latest
// conversations as a timeline (those this user may see), with links to all of them and, for
// commissioners, to log another.

import { api, user } from './api.js';
import { formatNumber, h, pageUrl, replace } from './dom.js';
import { inset } from './layout.js';
import { timeline } from './conversation_view.js';

const SHOWN = 5;

/** Draws the section for organisation org into el; names: organisation code → name. */
export async function renderOrgConversations(el, org, names) {
  const data = await api(`/conversations?${new URLSearchParams({ org: org.code, limit: String(SHOWN) })}`);
  const items = data.items || [];
  const total = data.total ?? items.length;
  const me = user();
  const canWrite = me && (me.role === 'commissioner' || me.role === 'admin');
  const links = [
    total > 0 ? h('a', { href: pageUrl('conversations.html', { org: org.code }), id: 'org-conversations-all' }, `All ${formatNumber(total, 0)} conversation${total === 1 ? '' : 's'} with ${org.name}`) : null,
    canWrite ? h('a', { href: pageUrl('conversations.html', { new: 1, org: org.code }), id: 'org-conversations-log' }, `Log a conversation with ${org.name}`) : null,
  ].filter(Boolean);
  replace(el,
    h('h2', { id: 'conversations' }, 'Conversations'),
    items.length
      ? timeline(items, names, { id: 'org-conversations', level: 3 })
      : inset(`No conversation with ${org.name} has been logged${canWrite ? '' : ' or shared with you'}.`),
    links.length ? h('ul', { class: 'nhsuk-list' }, links.map((l) => h('li', {}, l))) : null);
}
