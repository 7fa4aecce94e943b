// moderation: the queue of stories the public told, for commissioners. Each shows the teller's own
// words beside an editable moderated version (names and identifying details taken out, staff
// named by role); approving needs a moderated text that differs from the teller's. Approved
// stories can carry the provider's response and the change it made.

import { api, ApiError } from './api.js';
import { h, pathwayName, replace } from './dom.js';
import { errorSummary, radios } from './form_fields.js';
import { breadcrumbs, inset, section, setTitle, startPage } from './layout.js';

const FEELING = { '-2': 'very bad', '-1': 'bad', 0: 'neither', 1: 'good', 2: 'very good' };
const CONSENT = { public: 'may be published', internal: 'inside the NHS only', none: 'commissioners only' };

function moments(story) {
  if (!story.touchpoints.length) return null;
  return h('ol', { class: 'nhsuk-list nhsuk-list--number' },
    story.touchpoints.map((t) => h('li', {}, `${t.stage.replace(/_/g, ' ')}: “${t.emotion}” (${FEELING[t.valence]})`)));
}

function card(story, reload) {
  const id = `moderated-${story.code}`;
  const errors = h('div');
  const edited = h('textarea', { class: 'nhsuk-textarea', id, rows: '8', 'aria-describedby': `${id}-hint` });
  edited.value = story.moderated_text || story.text;
  const decide = async (decision, button) => {
    button.disabled = true;
    try {
      await api(`/moderation/stories/${encodeURIComponent(story.code)}`, { method: 'PUT', json: { decision, moderated_text: edited.value } });
      await reload(`${story.code} ${decision === 'approved' ? 'approved' : 'rejected'}.`);
    } catch (e) {
      button.disabled = false;
      replace(errors, errorSummary('There is a problem', [[e instanceof ApiError && e.field === 'moderated_text' ? id : null, e.message]]));
      errors.firstChild.focus();
    }
  };
  const approve = h('button', { class: 'nhsuk-button', type: 'button' }, 'Approve');
  approve.addEventListener('click', () => decide('approved', approve));
  const reject = h('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'button' }, 'Reject');
  reject.addEventListener('click', () => decide('rejected', reject));
  return h('section', { class: 'nhsuk-card app-moderation', 'aria-labelledby': `${story.code}-title` },
    h('div', { class: 'nhsuk-card__content' },
      h('h2', { class: 'nhsuk-card__heading nhsuk-heading-m', id: `${story.code}-title` }, story.title),
      h('p', { class: 'nhsuk-body-s' }, `${story.code} · told by a ${story.teller} on ${story.told_on} · ${pathwayName(story.pathway)}`,
        story.organisation ? ` · about ${story.organisation}` : '', ` · consent: ${CONSENT[story.consent]}`),
      errors,
      h('div', { class: 'app-moderation-pair' },
        h('div', {},
          h('h3', { class: 'nhsuk-heading-s' }, 'The teller’s words'),
          h('p', { class: 'app-teller-words' }, story.text),
          moments(story)),
        h('div', { class: 'nhsuk-form-group' },
          h('label', { class: 'nhsuk-label nhsuk-label--s', for: id }, 'Moderated version'),
          h('div', { class: 'nhsuk-hint', id: `${id}-hint` }, 'Take out names and anything that could identify someone; name staff by their role. To approve, it must differ from the teller’s words.'),
          edited)),
      h('div', { class: 'nhsuk-button-group' }, approve, reject)));
}

const CHANGES = [['none', 'No change yet'], ['planned', 'A change is planned'], ['made', 'A change has been made']];

/** An approved story with the provider's response and the change, for a commissioner to record. */
function responseCard(story, reload) {
  const id = `response-${story.code}`;
  const errors = h('div');
  const response = h('textarea', { class: 'nhsuk-textarea', id, rows: '3' });
  response.value = story.response || '';
  const save = h('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'button' }, 'Save response');
  const item = h('section', { class: 'nhsuk-card app-response', 'aria-labelledby': `${id}-title` },
    h('div', { class: 'nhsuk-card__content' },
      h('h3', { class: 'nhsuk-card__heading nhsuk-heading-s', id: `${id}-title` }, story.title),
      h('p', { class: 'nhsuk-body-s' }, `${story.code}${story.organisation ? ` · about ${story.organisation}` : ''} · consent: ${CONSENT[story.consent]}`),
      h('p', { class: 'app-teller-words' }, story.moderated_text),
      errors,
      h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: id }, 'The provider’s response'), response),
      radios(`change-${story.code}`, 'What changed', CHANGES, story.change, { inline: true }),
      save));
  save.addEventListener('click', async () => {
    save.disabled = true;
    const change = item.querySelector(`input[name="change-${story.code}"]:checked`)?.value || 'none';
    try {
      await api(`/moderation/stories/${encodeURIComponent(story.code)}/response`, { method: 'PUT', json: { response: response.value.trim() || null, change } });
      await reload(`The response to ${story.code} is saved.`);
    } catch (e) {
      save.disabled = false;
      replace(errors, errorSummary('There is a problem', [[null, e.message]]));
      errors.firstChild.focus();
    }
  });
  return item;
}

async function load(content, note) {
  const [queue, all] = await Promise.all([api('/moderation/stories'), api('/experience/stories')]);
  const approved = all.stories.filter((s) => s.moderation === 'approved');
  replace(content,
    note ? h('div', { class: 'nhsuk-inset-text', role: 'status', id: 'moderation-note' }, h('p', {}, note)) : null,
    h('p', { class: 'nhsuk-body' }, `${queue.stories.length} ${queue.stories.length === 1 ? 'story is' : 'stories are'} waiting. Stories come from the public form at `,
      h('a', { href: 'tell.html' }, 'Tell us your story'), '.'),
    queue.stories.length ? queue.stories.map((s) => card(s, (msg) => load(content, msg))) : inset('No stories are waiting for moderation.'),
    h('h2', { class: 'nhsuk-heading-m', id: 'responses' }, 'Provider responses to approved stories'),
    h('p', { class: 'nhsuk-body' }, 'What the provider said, and whether a change is planned or made. The public see it beside stories published with consent.'),
    approved.length ? approved.map((s) => responseCard(s, (msg) => load(content, msg))) : inset('No approved stories yet.'));
}

async function main() {
  await startPage();
  setTitle('Moderate stories');
  breadcrumbs([{ text: 'Home', href: 'index.html' }]);
  const content = document.getElementById('content');
  await section(content, 'the moderation queue', () => load(content));
  document.body.dataset.ready = 'true';
}

main();
