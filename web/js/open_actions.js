// open_actions: every open action and every follow-up that has come, across the system
// (GET /api/v1/open-actions), the overdue ones marked; commissioners can mark an action done
// from here.

import { api } from './api.js';
import { formatPeriod, h, replace } from './dom.js';
import { errorBox, inset, table } from './layout.js';
import { conversationUrl, overdueTag } from './conversation_view.js';

function dueCell(date, overdue) {
  if (!date) return 'No date';
  return h('span', { class: 'app-nowrap' }, formatPeriod(date), overdue ? [' ', overdueTag()] : null);
}

function conversationLink(a) {
  return h('a', { href: conversationUrl(a.conversation) }, a.title);
}

/** Draws the section into el; canWrite adds a "Mark done" button to each action. */
export async function renderOpenActions(el, canWrite) {
  const data = await api('/open-actions');
  const actions = data.actions || [];
  const follow = data.follow_ups || [];
  const overdueActions = actions.filter((a) => a.overdue).length;
  const overdueFollow = follow.filter((f) => f.overdue).length;
  const msg = h('div', { id: 'open-actions-message', role: 'status' });

  const markDone = (a) => h('button', {
    class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button-inline', type: 'button',
    'aria-label': `Mark done: ${a.description}`,
    on: {
      click: async (ev) => {
        const button = ev.currentTarget;
        button.disabled = true;
        try {
          await api(`/conversations/${encodeURIComponent(a.conversation)}/actions/${encodeURIComponent(a.n)}`, { method: 'PUT', json: { status: 'done' } });
          await renderOpenActions(el, canWrite);
          const again = document.getElementById('open-actions-message');
          if (again) replace(again, h('p', { class: 'nhsuk-body' }, `Done: ${a.description}.`));
        } catch (e) {
          replace(msg, errorBox('The action was not changed', e.message || String(e)));
          button.disabled = false;
        }
      },
    },
  }, 'Mark done');

  const columns = [
    { title: 'Due', value: (a) => dueCell(a.due, a.overdue) },
    { title: 'Action', value: (a) => a.description },
    { title: 'Owner', value: (a) => a.owner_name || a.owner || 'Nobody yet' },
    { title: 'Conversation', value: conversationLink },
  ];
  if (canWrite) columns.push({ title: 'Change', value: markDone });

  replace(el,
    h('h2', { id: 'open-actions' }, 'Open actions and follow-ups'),
    h('p', { id: 'open-actions-summary' },
      `${actions.length} open action${actions.length === 1 ? '' : 's'} (${overdueActions} overdue); `
      + `${follow.length} follow-up${follow.length === 1 ? '' : 's'} due (${overdueFollow} overdue), as of ${formatPeriod(data.today)}.`),
    msg,
    actions.length
      ? table('Open actions, soonest first', columns, actions, { id: 'open-actions-table', hiddenCaption: true, rowClass: (a) => (a.overdue ? 'app-row--overdue' : '') })
      : inset('No action is open.'),
    h('h3', {}, 'Follow-ups due'),
    follow.length
      ? table('Follow-ups due, with no conversation continuing them yet', [
        { title: 'Follow up by', value: (f) => dueCell(f.follow_up, f.overdue) },
        { title: 'Conversation', value: conversationLink },
        { title: 'Held on', value: (f) => h('span', { class: 'app-nowrap' }, formatPeriod(f.held_on)) },
      ], follow, { id: 'follow-ups-table', hiddenCaption: true, rowClass: (f) => (f.overdue ? 'app-row--overdue' : '') })
      : inset('No follow-up is due.'));
}
