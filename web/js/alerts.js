// alerts.html: the signed-in user's inbox (what changed in what they follow, unread first in
// weight, each with its one sentence and a link to the chart) and what they follow, with a
// form to follow more (docs/alerts.md).

import { api } from './api.js';
import { formatPeriod, h, replace } from './dom.js';
import { errorBox, inset, setTitle, showPageError, startPage } from './layout.js';

const content = document.getElementById('content');

const KIND_NAMES = {
  special_cause: 'Special cause',
  funnel_outlier: 'Funnel outlier',
  decile: 'Prescribing decile',
  overdue: 'Past due',
};

function alertItem(a, onRead) {
  const unread = !a.read_at;
  return h('li', { class: 'app-alert' + (unread ? ' app-alert--unread' : ''), dataset: { id: String(a.id) } },
    h('p', { class: 'nhsuk-body-s nhsuk-u-margin-bottom-1' },
      h('strong', { class: `nhsuk-tag ${unread ? 'nhsuk-tag--blue' : 'nhsuk-tag--grey'}` }, unread ? 'Unread' : 'Read'),
      ` ${KIND_NAMES[a.kind] || a.kind} · ${formatPeriod(a.created_at.slice(0, 10))}`),
    h('p', { class: 'app-alert__reason' }, a.reason),
    h('p', {},
      h('a', { href: a.link, class: 'app-alert__link' }, 'See the chart', h('span', { class: 'nhsuk-u-visually-hidden' }, `: ${a.subject}`)),
      unread ? ' ' : null,
      unread ? h('button', {
        class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small app-alert__read', type: 'button',
        on: { click: () => onRead(a) },
      }, 'Mark as read', h('span', { class: 'nhsuk-u-visually-hidden' }, `: ${a.subject}`)) : null));
}

function followList(items, onStop) {
  if (!items.length) return inset('You follow nothing yet: follow an organisation, an indicator or a measure below.');
  return h('ul', { class: 'nhsuk-list', id: 'follows-list' }, items.map((f) => h('li', { class: 'app-follow' },
    `${f.kind}: `, h('strong', {}, f.name || f.code), f.name ? ` (${f.code})` : null, ' ',
    h('button', {
      class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'button',
      on: { click: () => onStop(f) },
    }, 'Stop following', h('span', { class: 'nhsuk-u-visually-hidden' }, ` ${f.code}`)))));
}

function followForm(onFollowed) {
  const msg = h('div', { id: 'follow-message', role: 'status' });
  const kind = h('select', { class: 'nhsuk-select', id: 'follow-kind', name: 'kind' },
    h('option', { value: 'indicator' }, 'An indicator'),
    h('option', { value: 'organisation' }, 'An organisation or service'),
    h('option', { value: 'measure' }, 'A prescribing measure'));
  const code = h('input', { class: 'nhsuk-input nhsuk-input--width-20', id: 'follow-code', name: 'code', type: 'text', autocomplete: 'off' });
  const button = h('button', { class: 'nhsuk-button', type: 'submit', id: 'follow-save' }, 'Follow');
  const group = (id, label, control) => h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: id }, label), control);
  return h('form', {
    id: 'follow-form', novalidate: true,
    on: {
      submit: async (ev) => {
        ev.preventDefault();
        button.disabled = true;
        replace(msg);
        try {
          const r = await api('/follows', { method: 'POST', json: { kind: kind.value, code: code.value.trim() } });
          replace(msg, h('p', {}, r.created ? `You now follow ${r.code}. Alerts start from what the data show today.` : `You already follow ${r.code}.`));
          code.value = '';
          await onFollowed();
        } catch (e) {
          replace(msg, errorBox('Not followed', e.message || String(e)));
        } finally {
          button.disabled = false;
        }
      },
    },
  },
  h('h2', { id: 'follow' }, 'Follow something'),
  group('follow-kind', 'What to follow', kind),
  group('follow-code', 'Its code (for example FALLS, RNV or branded_omeprazole)', code),
  button, msg);
}

async function main() {
  await startPage();
  setTitle('Alerts');
  const count = h('p', { class: 'nhsuk-body-l', id: 'unread-count', role: 'status' });
  const inbox = h('ul', { class: 'nhsuk-list', id: 'alerts' });
  const follows = h('div', { id: 'follows' });
  const drawAlerts = async () => {
    const data = await api('/alerts');
    replace(count, data.unread === 1 ? '1 unread alert' : `${data.unread} unread alerts`);
    replace(inbox, data.items.length
      ? data.items.map((a) => alertItem(a, async (it) => {
        await api(`/alerts/${it.id}/read`, { method: 'POST' });
        await drawAlerts();
      }))
      : h('li', {}, inset('No alerts yet. When an import changes something you follow, it appears here.')));
  };
  const drawFollows = async () => {
    const data = await api('/follows');
    replace(follows, followList(data.items, async (f) => {
      await api(`/follows/${encodeURIComponent(f.kind)}/${encodeURIComponent(f.code)}`, { method: 'DELETE' });
      await drawFollows();
    }));
  };
  await Promise.all([drawAlerts(), drawFollows()]);
  replace(content,
    h('p', {}, 'What changed in what you follow: only the SPC rules, the funnel limits, the prescribing deciles and due dates raise an alert.'),
    count, inbox,
    h('h2', { id: 'following' }, 'What you follow'), follows,
    followForm(drawFollows));
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
}).finally(() => {
  document.body.dataset.ready = 'true';
});
