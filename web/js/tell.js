// tell: the public's form for telling a story about care, with its moments (touchpoints) and how
// far the teller agrees it may go. No account is needed; the story waits for a moderator.

import { api, ApiError } from './api.js';
import { h, pathwayName, replace } from './dom.js';
import { errorSummary, group, radios } from './form_fields.js';
import { startPage, setTitle, showPageError } from './layout.js';

const FEELINGS = [['-2', 'Very bad'], ['-1', 'Bad'], ['0', 'Neither good nor bad'], ['1', 'Good'], ['2', 'Very good']];

const CONSENT = [
  ['public', 'Yes, it may be published', 'After a moderator has taken out names and anything else that could identify you or anyone else, it may appear on our public website.'],
  ['internal', 'Only inside the NHS', 'The NHS staff who plan and provide the care may read it, with names taken out, but it will not be published.'],
  ['none', 'Only the commissioners', 'Only the small team that plans local services will read it. It will not be shared or published.'],
];

let form;
let limits = { max_touchpoints: 12, max_title: 200, max_text: 4000 };

function select(id, options, placeholder) {
  return h('select', { class: 'nhsuk-select', id, name: id },
    h('option', { value: '' }, placeholder),
    options.map(([value, label]) => h('option', { value }, label)));
}

/** One moment of the story: where it was, a word for how it felt, and how good or bad. */
function touchpoint(list) {
  const item = h('fieldset', { class: 'nhsuk-fieldset app-touchpoint' });
  const legend = h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' });
  const stage = h('input', { class: 'nhsuk-input', type: 'text', maxlength: '60', 'data-field': 'stage' });
  const emotion = h('input', { class: 'nhsuk-input', type: 'text', maxlength: '60', 'data-field': 'emotion' });
  const feeling = h('select', { class: 'nhsuk-select', 'data-field': 'valence' }, FEELINGS.map(([v, t]) => h('option', { value: v, selected: v === '0' }, t)));
  const remove = h('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'button' }, 'Remove');
  remove.addEventListener('click', () => {
    const next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    renumber(list);
    (next ? next.querySelector('input') : document.getElementById('add-touchpoint')).focus();
  });
  item.append(legend,
    h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', 'data-for': 'stage' }, 'Where or when it was (for example, at diagnosis, at night, at home)'), stage),
    h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', 'data-for': 'emotion' }, 'One word for how it felt'), emotion),
    h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', 'data-for': 'valence' }, 'Was it good or bad?'), feeling),
    remove);
  list.append(item);
  renumber(list);
  return item;
}

/** Ids, labels and the remove buttons' names follow each moment's place. */
function renumber(list) {
  [...list.children].forEach((item, i) => {
    const n = i + 1;
    item.querySelector('legend').textContent = `Moment ${n}`;
    for (const field of ['stage', 'emotion', 'valence']) {
      const control = item.querySelector(`[data-field="${field}"]`);
      control.id = `touchpoints-${n}-${field}`;
      item.querySelector(`[data-for="${field}"]`).setAttribute('for', control.id);
    }
    item.querySelector('button').setAttribute('aria-label', `Remove moment ${n}`);
  });
  const add = document.getElementById('add-touchpoint');
  if (add) add.disabled = list.children.length >= limits.max_touchpoints;
}

function value(id) {
  return (document.getElementById(id)?.value || '').trim();
}

function story() {
  const checked = form.querySelector('input[name="consent"]:checked');
  const touchpoints = [...form.querySelectorAll('.app-touchpoint')].map((item) => ({
    stage: item.querySelector('[data-field="stage"]').value.trim(),
    emotion: item.querySelector('[data-field="emotion"]').value.trim(),
    valence: Number(item.querySelector('[data-field="valence"]').value),
  }));
  return {
    teller: form.querySelector('input[name="teller"]:checked')?.value || '',
    pathway: value('pathway'),
    organisation: value('organisation') || null,
    title: value('title'),
    text: value('text'),
    consent: checked ? checked.value : '',
    touchpoints,
    website: value('website'),
  };
}

/** What must be filled in before sending; the server checks again and names its field. */
function missing(s) {
  const lines = [];
  if (!s.teller) lines.push(['teller-patient', 'Say who you are telling the story as']);
  if (!s.pathway) lines.push(['pathway', 'Choose the kind of care the story is about']);
  if (!s.title) lines.push(['title', 'Give your story a short title']);
  if (!s.text) lines.push(['text', 'Tell us your story']);
  if (!s.consent) lines.push(['consent-public', 'Say who may read your story']);
  s.touchpoints.forEach((t, i) => {
    if (!t.stage) lines.push([`touchpoints-${i + 1}-stage`, `Moment ${i + 1}: say where or when it was`]);
    if (!t.emotion) lines.push([`touchpoints-${i + 1}-emotion`, `Moment ${i + 1}: give one word for how it felt`]);
  });
  return lines;
}

/** The id of the control a server error's field names ("touchpoints[2].valence"). */
function fieldId(field) {
  if (!field) return null;
  const m = /^touchpoints\[(\d+)\]\.(\w+)$/.exec(field);
  if (m) return `touchpoints-${m[1]}-${m[2]}`;
  if (field === 'teller') return 'teller-patient';
  if (field === 'consent') return 'consent-public';
  return document.getElementById(field) ? field : null;
}

function showErrors(lines) {
  const slot = document.getElementById('form-errors');
  replace(slot, errorSummary('There is a problem', lines));
  slot.firstChild.focus();
}

async function send(ev) {
  ev.preventDefault();
  const s = story();
  const lines = missing(s);
  if (lines.length) {
    showErrors(lines);
    return;
  }
  const button = document.getElementById('send-story');
  button.disabled = true;
  try {
    const answer = await api('/public/stories', { method: 'POST', json: s, redirect401: false });
    const content = document.getElementById('content');
    replace(content,
      h('div', { class: 'nhsuk-panel', id: 'thanks', tabindex: '-1' },
        h('h2', { class: 'nhsuk-panel__title' }, 'Your story has been sent'),
        h('p', { class: 'nhsuk-body' }, answer.message)),
      h('p', {}, h('a', { href: 'tell.html' }, 'Tell another story')));
    document.getElementById('thanks').focus();
  } catch (e) {
    button.disabled = false;
    if (e instanceof ApiError && e.status !== 0) showErrors([[fieldId(e.field), e.message]]);
    else showErrors([[null, e.message || String(e)]]);
  }
}

function render(choices) {
  const pathways = [...choices.pathways.map((p) => [p, pathwayName(p)]), ['other', 'Something else']];
  const list = h('div', { id: 'touchpoints' });
  form = h('form', { id: 'tell-form', novalidate: true, on: { submit: send } },
    h('div', { id: 'form-errors' }),
    radios('teller', 'Who are you telling this story as?', [['patient', 'A patient'], ['carer', 'A carer, family member or friend'], ['public', 'A member of the public']], null),
    group('pathway', 'What kind of care is it about?', select('pathway', pathways, 'Choose one')),
    group('organisation', 'Which organisation is it about? (optional)', select('organisation', choices.organisations.map((o) => [o.code, o.name]), 'Not sure, or more than one')),
    group('title', 'A short title for your story', h('input', { class: 'nhsuk-input', id: 'title', name: 'title', type: 'text', maxlength: String(choices.max_title) })),
    group('text', 'Your story', h('textarea', { class: 'nhsuk-textarea', id: 'text', name: 'text', rows: '8', maxlength: String(choices.max_text), 'aria-describedby': 'text-hint' }),
      `What happened, and what mattered to you. Up to ${choices.max_text} characters. Please do not include anyone's full name; if you do, a moderator will take it out.`),
    h('h2', { class: 'nhsuk-heading-m' }, 'The moments that mattered'),
    h('p', { class: 'nhsuk-body', id: 'touchpoints-hint' }, `Optional. Add up to ${choices.max_touchpoints} moments in the order they happened, and how each one felt. This helps us see where care feels good and where it does not.`),
    list,
    h('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'button', id: 'add-touchpoint', on: { click: () => touchpoint(list).querySelector('input').focus() } }, 'Add a moment'),
    radios('consent', 'Who may read your story?', CONSENT, null, { hint: 'You decide. Whatever you choose, we never publish your name, and nothing is published until a moderator has read it.' }),
    // A field people never see: robots that fill in every field fill this one too.
    h('div', { class: 'app-honeypot', 'aria-hidden': 'true' },
      h('label', { for: 'website' }, 'Leave this empty'),
      h('input', { id: 'website', name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' })),
    h('button', { class: 'nhsuk-button', type: 'submit', id: 'send-story' }, 'Send your story'));
  replace(document.getElementById('content'),
    h('p', { class: 'nhsuk-lede-text' }, 'Tell us about care you, or someone close to you, had from local NHS and care services. People who plan services read every story, and they use them to change things.'),
    form);
}

async function main() {
  await startPage({ public: true });
  setTitle('Tell us your story');
  try {
    const choices = await api('/story-form', { redirect401: false });
    limits = choices;
    render(choices);
  } catch (e) {
    showPageError(e);
  }
  document.body.dataset.ready = 'true';
}

main();
