// combobox: a type-ahead for picking people, organisations or services from a list the API gave,
// following the ARIA 1.2 combobox pattern (an input with a list box popup). Typing filters the
// list by every word typed; ArrowDown and ArrowUp move through the matches, Enter or a click picks
// one, Escape closes the list. A picked item goes to onPick and the input empties, ready for the
// next one, so several can be added without leaving the keyboard.

import { h, replace } from './dom.js';

const MAX_SHOWN = 8;

function words(s) {
  return String(s ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** The items matching every word of the query, those whose label starts with it first. */
export function matches(items, query, max = MAX_SHOWN) {
  const ws = words(query);
  if (ws.length === 0) return [];
  const q = ws.join(' ');
  const found = items.filter((it) => {
    const hay = `${it.label} ${it.detail || ''} ${it.value}`.toLowerCase();
    return ws.every((w) => hay.includes(w));
  });
  const starts = (it) => (String(it.label).toLowerCase().startsWith(q) || String(it.value).toLowerCase() === q ? 0 : 1);
  found.sort((a, b) => starts(a) - starts(b) || String(a.label).localeCompare(String(b.label)));
  return found.slice(0, max);
}

/**
 * A labelled type-ahead. items: [{value, label, detail}]; skip(value): true for items not to
 * offer (already picked); onPick(item). Returns {element, input}.
 */
export function combobox({ id, label, hint, items, skip = () => false, onPick }) {
  const listId = `${id}-listbox`;
  const hintId = `${id}-hint`;
  const status = h('div', { class: 'nhsuk-u-visually-hidden', role: 'status', 'aria-live': 'polite', id: `${id}-status` });
  const list = h('ul', { class: 'app-combobox__list', id: listId, role: 'listbox', 'aria-label': label, hidden: true });
  const input = h('input', {
    class: 'nhsuk-input', id, type: 'text', role: 'combobox', autocomplete: 'off', spellcheck: 'false',
    'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': listId, 'aria-describedby': hint ? hintId : null,
  });
  let shown = [];
  let active = -1;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    if (i >= 0 && list.children[i]) {
      input.setAttribute('aria-activedescendant', list.children[i].id);
      list.children[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const pick = (item) => {
    input.value = '';
    close();
    replace(status, `${item.label} added.`);
    onPick(item);
    input.focus();
  };

  const open = () => {
    shown = matches(items.filter((it) => !skip(it.value)), input.value);
    replace(list, shown.map((it, i) => h('li', {
      id: `${id}-option-${i}`, role: 'option', class: 'app-combobox__option', 'aria-selected': 'false',
      on: {
        // mousedown, not click: a click would first blur the input and close the list.
        mousedown: (ev) => {
          ev.preventDefault();
          pick(it);
        },
      },
    }, h('span', { class: 'app-combobox__label' }, it.label), it.detail ? h('span', { class: 'app-combobox__detail' }, it.detail) : null)));
    const any = shown.length > 0;
    list.hidden = !any;
    input.setAttribute('aria-expanded', any ? 'true' : 'false');
    highlight(shown.length === 1 ? 0 : -1);
    replace(status, input.value.trim() === '' ? '' : `${shown.length || 'No'} match${shown.length === 1 ? '' : 'es'}`);
  };

  input.addEventListener('input', open);
  input.addEventListener('blur', close);
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (list.hidden) open();
      if (shown.length === 0) return;
      const step = ev.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + shown.length) % shown.length);
    } else if (ev.key === 'Enter') {
      // Enter never submits the form from here: it picks, or says why it cannot.
      ev.preventDefault();
      if (input.value.trim() === '') return;
      if (active >= 0 && shown[active]) pick(shown[active]);
      else replace(status, shown.length ? 'Choose one of the matches with the arrow keys.' : 'Nothing matches: type less, or check the spelling.');
    } else if (ev.key === 'Escape' && !list.hidden) {
      ev.preventDefault();
      close();
    }
  });

  const element = h('div', { class: 'nhsuk-form-group app-combobox' },
    h('label', { class: 'nhsuk-label', for: id }, label),
    hint ? h('div', { class: 'nhsuk-hint', id: hintId }, hint) : null,
    h('div', { class: 'app-combobox__wrap' }, input, list),
    status);
  return { element, input };
}
