// form_fields: the NHS design system's form parts as the pages build them: a labelled field with
// its hint, a text area, radios in a fieldset, a small "Remove" button, and the error summary
// whose lines link to the fields they are about.

import { h } from './dom.js';

/** A label, an optional hint (id `${id}-hint`) and the control. */
export function group(id, label, control, hint) {
  return h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: id }, label),
    hint ? h('div', { class: 'nhsuk-hint', id: `${id}-hint` }, hint) : null,
    control);
}

/** A text area; describedBy: the id of its hint. */
export function textarea(id, rows = 2, describedBy = null) {
  return h('textarea', { class: 'nhsuk-textarea', id, name: id, rows: String(rows), 'aria-describedby': describedBy });
}

/** Radios in a fieldset with a legend. options: [[value, label, hint (text or node)]]. */
export function radios(name, legend, options, checked, { inline = false, hint = null } = {}) {
  return h('div', { class: 'nhsuk-form-group' },
    h('fieldset', { class: 'nhsuk-fieldset', id: name, 'aria-describedby': hint ? `${name}-hint` : null },
      h('legend', { class: 'nhsuk-fieldset__legend nhsuk-fieldset__legend--s' }, legend),
      hint ? h('div', { class: 'nhsuk-hint', id: `${name}-hint` }, hint) : null,
      h('div', { class: `nhsuk-radios${inline ? ' nhsuk-radios--inline' : ''}` },
        options.map(([value, label, itemHint]) => {
          const id = `${name}-${value}`;
          return h('div', { class: 'nhsuk-radios__item' },
            h('input', { class: 'nhsuk-radios__input', id, name, type: 'radio', value, checked: value === checked, 'aria-describedby': itemHint ? `${id}-hint` : null }),
            h('label', { class: 'nhsuk-label nhsuk-radios__label', for: id }, label),
            itemHint ? h('div', { class: 'nhsuk-hint nhsuk-radios__hint', id: `${id}-hint` }, itemHint) : null);
        }))));
}

/** A small secondary button whose accessible name says what it removes. */
export function removeButton(what, onClick) {
  return h('button', {
    class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small app-button-inline', type: 'button',
    'aria-label': `Remove ${what}`, on: { click: onClick },
  }, 'Remove');
}

/**
 * An error summary (focusable; move the focus to it). lines: [[fieldId or null, message]]: a
 * line with a field links to it.
 */
export function errorSummary(title, lines) {
  return h('div', { class: 'nhsuk-error-summary', tabindex: '-1', 'aria-labelledby': 'error-summary-title' },
    h('div', { role: 'alert' },
      h('h2', { class: 'nhsuk-error-summary__title', id: 'error-summary-title' }, title),
      h('div', { class: 'nhsuk-error-summary__body' },
        h('ul', { class: 'nhsuk-list nhsuk-error-summary__list' },
          lines.map(([id, message]) => h('li', {}, id ? h('a', { href: `#${id}` }, message) : message))))));
}
