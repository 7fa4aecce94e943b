// opportunities.html, for commissioners: start a conversation about an opportunity. It is
// logged through POST /api/v1/conversations, linked to the opportunity and its organisation,
// and the opportunity's status becomes in_conversation with a note naming the conversation
// (PUT /api/v1/opportunities/{id}/status).

import { api } from './api.js';
import { formatMoney, h, replace } from './dom.js';
import { errorBox } from './layout.js';

function today() {
  return new Date().toISOString().slice(0, 10);
}

function titleFor(o) {
  return `${o.subject_name || o.subject} (${o.org_name || o.org})`.slice(0, 200);
}

export function conversationForm(data, onDone) {
  const byId = new Map(data.items.map((o) => [o.id, o]));
  const msg = h('div', { id: 'conversation-message', role: 'status' });
  const idSelect = h('select', { class: 'nhsuk-select', id: 'conversation-about', name: 'about' },
    data.items.map((o) => h('option', { value: o.id }, `${formatMoney(o.gbp)} – ${o.org_name || o.org}: ${o.subject_name || o.subject}`)));
  const date = h('input', { class: 'nhsuk-input nhsuk-input--width-10', id: 'conversation-date', name: 'held_on', type: 'date', value: today() });
  const title = h('input', { class: 'nhsuk-input', id: 'conversation-title', name: 'title', maxlength: '200', value: titleFor(data.items[0]) });
  const said = h('textarea', { class: 'nhsuk-textarea', id: 'conversation-said', name: 'said', rows: '3', 'aria-describedby': 'conversation-said-hint' });
  idSelect.addEventListener('change', () => { title.value = titleFor(byId.get(idSelect.value)); });
  const button = h('button', { class: 'nhsuk-button', type: 'submit', id: 'conversation-start' }, 'Start a conversation');
  const submit = async (ev) => {
    ev.preventDefault();
    const o = byId.get(idSelect.value);
    button.disabled = true;
    try {
      const conversation = { held_on: date.value, title: title.value, organisations: [o.org], opportunities: [o.id] };
      if (said.value) conversation.notes = said.value;
      const c = await api('/conversations', { method: 'POST', json: conversation });
      const note = `Conversation ${c.id} on ${c.held_on}${said.value ? `: ${said.value}` : ''}`.slice(0, 4000);
      await api(`/opportunities/${encodeURIComponent(o.id)}/status`, { method: 'PUT', json: { status: 'in_conversation', note } });
      replace(msg, h('p', { class: 'nhsuk-body' }, `Conversation ${c.id} logged about ${o.subject_name || o.subject}; the opportunity is now in conversation.`));
      await onDone();
    } catch (e) {
      replace(msg, errorBox('The conversation was not started', e.message || String(e)));
    } finally {
      button.disabled = false;
    }
  };
  return h('form', { id: 'conversation-form', novalidate: true, on: { submit } },
    h('h2', {}, 'Start a conversation about an opportunity'),
    h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: 'conversation-about' }, 'Talk about'), idSelect),
    h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: 'conversation-date' }, 'When'), date),
    h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: 'conversation-title' }, 'Title'), title),
    h('div', { class: 'nhsuk-form-group' },
      h('label', { class: 'nhsuk-label', for: 'conversation-said' }, 'What was said'),
      h('div', { class: 'nhsuk-hint', id: 'conversation-said-hint' }, 'Kept with the conversation (Markdown) and in the opportunity\'s status. Add people and actions to the conversation afterwards.'),
      said),
    button, msg);
}
