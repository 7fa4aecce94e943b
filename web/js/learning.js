// learning.html: the commissioners' learning set: its sessions (the theory introduced and the
// exercise), its members, and reflections: each member's own, private until they share them,
// and those others have shared, optionally about a real conversation or project.

import { api, listAll } from './api.js';
import { h, pageUrl, replace } from './dom.js';
import { errorBox, inset, setTitle, showPageError, startPage, table } from './layout.js';

const content = document.getElementById('content');

function sessionsTable(sessions) {
  return table('Sessions', [
    { title: 'Date', value: (s) => s.date },
    { title: 'Theme', value: (s) => s.theme },
    { title: 'Theory introduced', value: (s) => s.theory || '–' },
    { title: 'Exercise', value: (s) => s.exercise || '–' },
  ], sessions, { id: 'sessions-table', hiddenCaption: true });
}

function membersList(members, people) {
  return h('ul', { class: 'nhsuk-list', id: 'members-list' }, members.map((m) => {
    const p = people.get(m.person);
    return h('li', {}, p ? p.name : m.person, m.role === 'facilitator' ? ' (facilitator)' : '');
  }));
}

function reflectionItem(r, projectNames, onShare) {
  const share = r.mine
    ? h('button', {
      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small app-share', type: 'button',
      dataset: { id: String(r.id) },
      on: { click: () => onShare(r) },
    }, r.shared ? 'Make private' : 'Share with the set')
    : null;
  return h('li', { class: 'app-reflection', dataset: { id: String(r.id) } },
    h('p', { class: 'nhsuk-body-s nhsuk-u-margin-bottom-1' },
      h('strong', {}, r.theme || 'No session'), ` – ${r.mine ? 'you' : r.author}, ${r.written_at.slice(0, 10)} `,
      h('strong', { class: `nhsuk-tag ${r.shared ? 'nhsuk-tag--green' : 'nhsuk-tag--grey'}` }, r.shared ? 'Shared with the set' : 'Private'),
      r.project ? ' · ' : null, r.project ? `about ${projectNames.get(r.project) || r.project}` : null,
      r.conversation ? ' · ' : null, r.conversation ? h('a', { href: pageUrl('conversations.html', { id: r.conversation }) }, `conversation ${r.conversation}`) : null),
    h('blockquote', { class: 'app-quote' }, r.text),
    share);
}

function reflectionForm(sessions, projects, onSaved) {
  const msg = h('div', { id: 'reflection-message', role: 'status' });
  const session = h('select', { class: 'nhsuk-select', id: 'reflection-session', name: 'session' },
    h('option', { value: '' }, 'No session'),
    sessions.map((s) => h('option', { value: s.code }, `${s.date}: ${s.theme}`)));
  const project = h('select', { class: 'nhsuk-select', id: 'reflection-project', name: 'project' },
    h('option', { value: '' }, 'None'),
    projects.map((p) => h('option', { value: p.code }, p.name)));
  const text = h('textarea', { class: 'nhsuk-textarea', id: 'reflection-text', name: 'text', rows: '4' });
  const shared = h('input', { class: 'nhsuk-checkboxes__input', id: 'reflection-shared', name: 'shared', type: 'checkbox' });
  const button = h('button', { class: 'nhsuk-button', type: 'submit', id: 'reflection-save' }, 'Save reflection');
  const group = (id, label, control) => h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: id }, label), control);
  return h('form', {
    id: 'reflection-form', novalidate: true,
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        button.disabled = true;
        try {
          await api('/learning/reflections', {
            method: 'POST',
            json: { text: text.value, shared: shared.checked, ...(session.value ? { session: session.value } : {}), ...(project.value ? { project: project.value } : {}) },
          });
          text.value = '';
          replace(msg, h('p', {}, shared.checked ? 'Saved and shared with the set.' : 'Saved. Only you can read it until you share it.'));
          await onSaved();
        } catch (e) {
          replace(msg, errorBox('Your reflection was not saved', e.message || String(e)));
        } finally {
          button.disabled = false;
        }
      },
    },
  },
  h('h2', { id: 'write' }, 'Write a reflection'),
  group('reflection-session', 'Session', session),
  group('reflection-project', 'About a project (optional)', project),
  group('reflection-text', 'What you noticed, and what you will do differently', text),
  h('div', { class: 'nhsuk-form-group' }, h('div', { class: 'nhsuk-checkboxes' }, h('div', { class: 'nhsuk-checkboxes__item' },
    shared, h('label', { class: 'nhsuk-label nhsuk-checkboxes__label', for: 'reflection-shared' }, 'Share it with the learning set')))),
  button, msg);
}

async function main() {
  await startPage();
  setTitle('Learning set');
  const [sessions, members, people, projects] = await Promise.all([
    listAll('/learning-sessions'), listAll('/learning-members'), listAll('/people'), listAll('/projects'),
  ]);
  const names = new Map(people.map((p) => [p.key, p]));
  const projectNames = new Map(projects.map((p) => [p.code, p.name]));
  const list = h('ul', { class: 'nhsuk-list', id: 'reflections' });
  const draw = async () => {
    const data = await api('/learning/reflections');
    replace(list, data.items.length ? data.items.map((r) => reflectionItem(r, projectNames, async (it) => {
      await api(`/learning/reflections/${it.id}`, { method: 'PUT', json: { shared: !it.shared } });
      await draw();
    })) : h('li', {}, inset('No reflections yet.')));
  };
  await draw();
  replace(content,
    h('p', {}, 'Commissioners reflecting together on real cases. A reflection is yours alone until you share it.'),
    h('h2', { id: 'sessions' }, 'Sessions'), sessions.length ? sessionsTable(sessions) : inset('No sessions yet.'),
    h('h2', { id: 'members' }, `Members (${members.length})`), membersList(members, names),
    reflectionForm(sessions, projects, draw),
    h('h2', { id: 'reflections-heading' }, 'Reflections'), list);
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
}).finally(() => {
  document.body.dataset.ready = 'true';
});
