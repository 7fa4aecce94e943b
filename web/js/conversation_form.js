// conversation_form: "log a conversation" (conversations.html?new=1), made to take under a
// minute: today's date and face to face already set, people and organisations by type-ahead
// (a provider-side person brings their organisation along), commissioners-only unless shared.
// The rest (what matters, concerns, ideas, agreements, actions, notes, services, pathways, tags)
// is there for whoever has the time. ?org=CODE starts with that organisation; ?parent=ID logs the
// follow-up of a conversation, starting with its people, organisations, services and tags.

import { api, listAll } from './api.js';
import { h, pathwayName, replace } from './dom.js';
import { breadcrumbs, setTitle } from './layout.js';
import { combobox } from './combobox.js';
import { errorSummary, group, radios, removeButton, textarea } from './form_fields.js';
import { MODES, conversationUrl, roleName, todayIso } from './conversation_view.js';

const COMMISSIONER_ROLES = new Set(['gp_commissioner', 'lay_member']);
const COMMISSIONER_KINDS = new Set(['icb', 'sub_icb', 'place']);
const TEXTS = [
  ['what_matters', 'what-matters', 'What matters to them'],
  ['concerns', 'concerns', 'Concerns'],
  ['ideas', 'ideas', 'Ideas'],
  ['agreements', 'agreements', 'Agreements'],
];

/** The side the server would give a person by default (docs/conversations.md). */
export function defaultSide(person, orgKinds) {
  if (COMMISSIONER_ROLES.has(person.role) || COMMISSIONER_KINDS.has(orgKinds.get(person.organisation))) return 'commissioner';
  return 'provider';
}

/** The form field an API error's field path points at ("actions[0].due" → "action-1-due"). */
export function fieldId(path) {
  const p = String(path || '');
  const action = /^actions\[(\d+)\](?:\.(description|owner|due))?/.exec(p);
  if (action) return `action-${Number(action[1]) + 1}-${action[2] || 'description'}`;
  const root = p.split(/[[.]/)[0];
  const ids = {
    held_on: 'held-on', title: 'title', mode: 'mode', participants: 'people-input', organisations: 'orgs-input',
    services: 'services-input', pathways: 'pathways', tags: 'tags', what_matters: 'what-matters', concerns: 'concerns',
    ideas: 'ideas', agreements: 'agreements', notes: 'notes', follow_up: 'follow-up', parent: 'parent', visibility: 'visibility',
  };
  return ids[root] || null;
}

/** The reference lists the form offers: people, organisations, services, recent conversations. */
async function loadChoices() {
  const [people, orgs, services, recent] = await Promise.all([
    listAll('/people'), listAll('/organisations'), listAll('/services'), api('/conversations?limit=100'),
  ]);
  return { people, orgs, services, recent: recent.items || [] };
}

/** Draws the form into content. */
export async function renderForm(content, opts = {}) {
  breadcrumbs([{ text: 'Home', href: 'index.html' }, { text: 'Conversations', href: 'conversations.html' }]);
  setTitle('Log a conversation', 'Conversations');
  const choices = await loadChoices();
  const people = new Map(choices.people.map((p) => [p.key, p]));
  const orgs = new Map(choices.orgs.map((o) => [o.code, o]));
  const services = new Map(choices.services.map((s) => [s.code, s]));
  const orgKinds = new Map(choices.orgs.map((o) => [o.code, o.kind]));
  const orgName = (code) => orgs.get(code)?.name || code;
  const pathways = [...new Set(choices.services.map((s) => s.pathway).filter(Boolean))].sort();

  const state = { people: [], orgs: [], services: [], actions: [] };
  let parent = null;
  if (opts.parent) parent = await api(`/conversations/${encodeURIComponent(opts.parent)}`);
  if (parent) {
    state.people = (parent.participants || []).map((p) => ({ person: p.person, side: p.side }));
    state.orgs = [...(parent.organisations || [])];
    state.services = [...(parent.services || [])];
  } else if (opts.org && orgs.has(opts.org)) {
    state.orgs = [opts.org];
  }

  const peopleList = h('ul', { class: 'app-picked', id: 'people-picked', 'aria-label': 'People in the conversation' });
  const orgList = h('ul', { class: 'app-picked', id: 'orgs-picked', 'aria-label': 'Organisations taking part' });
  const serviceList = h('ul', { class: 'app-picked', id: 'services-picked', 'aria-label': 'Services discussed' });
  const actionsEl = h('div', { id: 'actions-fields' });
  const sharedHint = h('span', { id: 'shared-with' });

  const drawOrgs = () => {
    replace(orgList, state.orgs.map((code) => h('li', { class: 'app-picked__item', dataset: { org: code } },
      h('span', { class: 'app-picked__name' }, orgName(code), h('span', { class: 'app-muted' }, ` (${code})`)),
      removeButton(orgName(code), () => {
        state.orgs = state.orgs.filter((c) => c !== code);
        drawOrgs();
      }))));
    replace(sharedHint, state.orgs.length ? `Shared with ${state.orgs.map(orgName).join(', ')}.` : 'Name the organisations above to share with them.');
  };

  const ownerOptions = (selected) => {
    const inIt = state.people.map((p) => p.person);
    const rest = choices.people.filter((p) => !inIt.includes(p.key)).sort((a, b) => String(a.name).localeCompare(String(b.name)));
    const opt = (key) => h('option', { value: key, selected: key === selected }, people.get(key)?.name || key);
    return [
      h('option', { value: '', selected: !selected }, 'Nobody yet'),
      inIt.length ? h('optgroup', { label: 'In the conversation' }, inIt.map(opt)) : null,
      h('optgroup', { label: 'Everyone else' }, rest.map((p) => opt(p.key))),
    ];
  };

  const drawActions = () => {
    replace(actionsEl, state.actions.map((a, i) => {
      const n = i + 1;
      const description = h('input', { class: 'nhsuk-input', id: `action-${n}-description`, type: 'text', value: a.description, on: { input: (ev) => { a.description = ev.target.value; } } });
      const owner = h('select', { class: 'nhsuk-select', id: `action-${n}-owner`, on: { change: (ev) => { a.owner = ev.target.value; } } }, ownerOptions(a.owner));
      const due = h('input', { class: 'nhsuk-input nhsuk-input--width-10', id: `action-${n}-due`, type: 'date', value: a.due, on: { input: (ev) => { a.due = ev.target.value; } } });
      return h('fieldset', { class: 'nhsuk-fieldset app-action-fields', dataset: { action: n } },
        h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, `Action ${n}`),
        group(`action-${n}-description`, 'What is to be done', description),
        h('div', { class: 'app-controls' },
          group(`action-${n}-owner`, 'Who', owner),
          group(`action-${n}-due`, 'By when', due)),
        removeButton(`action ${n}`, () => {
          state.actions.splice(i, 1);
          drawActions();
        }));
    }));
  };

  const drawPeople = () => {
    replace(peopleList, state.people.map((entry) => {
      const p = people.get(entry.person) || { name: entry.person };
      const sideId = `side-${entry.person}`;
      const detail = [p.specialty || roleName(p.role), p.organisation ? orgName(p.organisation) : null].filter(Boolean).join(', ');
      return h('li', { class: 'app-picked__item', dataset: { person: entry.person } },
        h('span', { class: 'app-picked__name' }, p.name, detail ? h('span', { class: 'app-muted' }, ` – ${detail}`) : null),
        h('label', { class: 'nhsuk-u-visually-hidden', for: sideId }, `Side of ${p.name}`),
        h('select', {
          class: 'nhsuk-select app-side-select', id: sideId,
          on: { change: (ev) => { entry.side = ev.target.value; } },
        },
        h('option', { value: 'commissioner', selected: entry.side === 'commissioner' }, 'Commissioner side'),
        h('option', { value: 'provider', selected: entry.side === 'provider' }, 'Provider side')),
        removeButton(p.name, () => {
          state.people = state.people.filter((x) => x !== entry);
          drawPeople();
          drawActions();
        }));
    }));
  };

  const drawServices = () => {
    replace(serviceList, state.services.map((code) => h('li', { class: 'app-picked__item', dataset: { service: code } },
      h('span', { class: 'app-picked__name' }, services.get(code)?.name || code),
      removeButton(services.get(code)?.name || code, () => {
        state.services = state.services.filter((c) => c !== code);
        drawServices();
      }))));
  };

  const peoplePicker = combobox({
    id: 'people-input', label: 'Who was there',
    hint: 'Type part of a name, specialty or organisation, then choose with the arrow keys and Enter. Add as many as were there.',
    items: choices.people.map((p) => ({ value: p.key, label: p.name, detail: [p.specialty || roleName(p.role), p.organisation ? orgName(p.organisation) : null].filter(Boolean).join(', ') })),
    skip: (key) => state.people.some((p) => p.person === key),
    onPick: (it) => {
      const p = people.get(it.value);
      const side = defaultSide(p, orgKinds);
      state.people.push({ person: it.value, side });
      // A provider clinician's organisation is almost always one of those taking part.
      if (side === 'provider' && p.organisation && orgs.has(p.organisation) && !state.orgs.includes(p.organisation)) {
        state.orgs.push(p.organisation);
        drawOrgs();
      }
      drawPeople();
      drawActions();
    },
  });
  const orgPicker = combobox({
    id: 'orgs-input', label: 'Organisations taking part',
    hint: 'The organisations of provider-side people are added for you.',
    items: choices.orgs.map((o) => ({ value: o.code, label: o.name, detail: o.code })),
    skip: (code) => state.orgs.includes(code),
    onPick: (it) => {
      state.orgs.push(it.value);
      drawOrgs();
    },
  });
  const servicePicker = combobox({
    id: 'services-input', label: 'Services discussed',
    items: choices.services.map((s) => ({ value: s.code, label: s.name, detail: `${orgName(s.provider)}${s.pathway ? `, ${pathwayName(s.pathway)}` : ''}` })),
    skip: (code) => state.services.includes(code),
    onPick: (it) => {
      state.services.push(it.value);
      drawServices();
    },
  });

  const heldOn = h('input', { class: 'nhsuk-input nhsuk-input--width-10', id: 'held-on', name: 'held_on', type: 'date', value: todayIso(), required: true });
  const title = h('input', { class: 'nhsuk-input', id: 'title', name: 'title', type: 'text', maxlength: '200', required: true, 'aria-describedby': 'title-hint' });
  const followUp = h('input', { class: 'nhsuk-input nhsuk-input--width-10', id: 'follow-up', name: 'follow_up', type: 'date', 'aria-describedby': 'follow-up-hint' });
  const tags = h('input', { class: 'nhsuk-input', id: 'tags', name: 'tags', type: 'text', 'aria-describedby': 'tags-hint', value: parent ? (parent.tags || []).join(', ') : '' });
  const notes = textarea('notes', 5, 'notes-hint');
  const parentSelect = h('select', { class: 'nhsuk-select app-wide-select', id: 'parent', name: 'parent' },
    h('option', { value: '' }, 'None: a new thread'),
    choices.recent.map((c) => h('option', { value: String(c.id), selected: parent && c.id === parent.id }, `${c.held_on}: ${c.title}`)));
  const pathwayBoxes = h('div', { class: 'nhsuk-checkboxes nhsuk-checkboxes--small' },
    pathways.map((p) => h('div', { class: 'nhsuk-checkboxes__item' },
      h('input', { class: 'nhsuk-checkboxes__input', id: `pathway-${p}`, name: 'pathways', type: 'checkbox', value: p, checked: parent ? (parent.pathways || []).includes(p) : false }),
      h('label', { class: 'nhsuk-label nhsuk-checkboxes__label', for: `pathway-${p}` }, pathwayName(p)))));
  const texts = new Map(TEXTS.map(([key, id]) => [key, textarea(id)]));
  const errors = h('div', { id: 'form-errors' });
  const save = h('button', { class: 'nhsuk-button', type: 'submit', id: 'save-conversation' }, 'Save conversation');

  const body = () => {
    const v = (s) => String(s ?? '').trim();
    const out = { held_on: heldOn.value, title: v(title.value), mode: content.querySelector('input[name="mode"]:checked')?.value || 'face_to_face' };
    out.participants = state.people.map((p) => ({ person: p.person, side: p.side }));
    out.organisations = [...state.orgs];
    if (state.services.length) out.services = [...state.services];
    const ps = [...content.querySelectorAll('input[name="pathways"]:checked')].map((i) => i.value);
    if (ps.length) out.pathways = ps;
    const ts = tags.value.split(',').map(v).filter(Boolean);
    if (ts.length) out.tags = ts;
    for (const [key, el] of texts) if (v(el.value)) out[key] = v(el.value);
    if (v(notes.value)) out.notes = notes.value;
    const actions = state.actions.filter((a) => v(a.description) || a.owner || a.due).map((a) => {
      const x = { description: v(a.description), status: 'open' };
      if (a.owner) x.owner = a.owner;
      if (a.due) x.due = a.due;
      return x;
    });
    if (actions.length) out.actions = actions;
    if (followUp.value) out.follow_up = followUp.value;
    if (parentSelect.value) out.parent = Number(parentSelect.value);
    out.visibility = content.querySelector('input[name="visibility"]:checked')?.value || 'commissioners';
    return out;
  };

  const showErrors = (list) => {
    replace(errors, errorSummary('The conversation was not saved', list.map(([field, message]) => [fieldId(field), message])));
    errors.firstChild.focus();
  };

  const form = h('form', {
    id: 'conversation-form', novalidate: true,
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        const data = body();
        const missing = [];
        if (!data.held_on) missing.push(['held_on', 'Enter the date it was held on']);
        if (!data.title) missing.push(['title', 'Enter what it was about']);
        // Text left in a type-ahead was never picked: say so rather than drop it.
        for (const [field, picker, what] of [['participants', peoplePicker, 'people'], ['organisations', orgPicker, 'organisations'], ['services', servicePicker, 'services']]) {
          const typed = picker.input.value.trim();
          if (typed) missing.push([field, `Choose "${typed}" from the list of ${what}, or clear the box`]);
        }
        if (missing.length) {
          showErrors(missing);
          return;
        }
        save.disabled = true;
        try {
          const c = await api('/conversations', { method: 'POST', json: data });
          window.location.assign(`${conversationUrl(c.id)}&saved=1`);
        } catch (e) {
          showErrors([[e.field, e.message || String(e)]]);
          save.disabled = false;
        }
      },
    },
  },
  errors,
  parent ? h('p', { class: 'nhsuk-body', id: 'follows' }, 'Following up ', h('a', { href: conversationUrl(parent.id) }, parent.title), '.') : null,
  group('held-on', 'Held on', heldOn),
  group('title', 'What it was about', title, 'One line, for example "Out-of-hours end of life care".'),
  radios('mode', 'How', MODES, 'face_to_face', { inline: true }),
  peoplePicker.element, peopleList,
  orgPicker.element, orgList,
  TEXTS.map(([key, id, label]) => group(id, label, texts.get(key))),
  h('h2', { class: 'nhsuk-heading-s' }, 'Actions'),
  actionsEl,
  h('button', {
    class: 'nhsuk-button nhsuk-button--secondary', type: 'button', id: 'add-action',
    on: {
      click: () => {
        state.actions.push({ description: '', owner: '', due: '' });
        drawActions();
        document.getElementById(`action-${state.actions.length}-description`)?.focus();
      },
    },
  }, 'Add an action'),
  group('follow-up', 'Follow up by', followUp, 'When to come back to it (optional).'),
  group('notes', 'Notes', notes, 'Anything that cannot be put in the boxes above. Markdown: **bold**, lists with "-", links.'),
  h('details', { class: 'nhsuk-details' },
    h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Services, pathways, tags and the earlier conversation')),
    h('div', { class: 'nhsuk-details__text' },
      servicePicker.element, serviceList,
      h('div', { class: 'nhsuk-form-group' },
        h('fieldset', { class: 'nhsuk-fieldset', id: 'pathways' },
          h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, 'Pathways'),
          pathwayBoxes)),
      group('tags', 'Tags', tags, 'Separated by commas, for example "crisis, co-design".'),
      group('parent', 'Continues', parentSelect))),
  radios('visibility', 'Who sees it', [
    ['commissioners', 'Commissioners only', 'Providers do not see it.'],
    ['shared', 'Shared with the organisations taking part', sharedHint],
  ], parent ? parent.visibility : 'commissioners'),
  save);

  drawPeople();
  drawOrgs();
  drawServices();
  drawActions();
  replace(content, form);
  title.focus();
}
