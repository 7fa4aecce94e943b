// moderation: the queue of stories the public told, for commissioners. Each shows the teller's own
// words beside an editable moderated version (names and identifying details taken out, staff
// named by role); approving needs a moderated text that differs from the teller's. Approved
// stories can carry the provider's response and the change it made.

import { api, ApiError } from './api.js';
import { h, pathwayName, replace } from './dom.js';
import { errorSummary } from './form_fields.js';
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

async function load(content, note) {
  const queue = await api('/moderation/stories');
  replace(content,
    note ? h('div', { class: 'nhsuk-inset-text', role: 'status', id: 'moderation-note' }, h('p', {}, note)) : null,
    h('p', { class: 'nhsuk-body' }, `${queue.stories.length} ${queue.stories.length === 1 ? 'story is' : 'stories are'} waiting. Stories come from the public form at `,
      h('a', { href: 'tell.html' }, 'Tell us your story'), '.'),
    queue.stories.length ? queue.stories.map((s) => card(s, (msg) => load(content, msg))) : inset('No stories are waiting for moderation.'));
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
