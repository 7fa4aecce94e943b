// login.html: the sign-in form. Errors show inline (wrong details, too many attempts) and in an
// error summary at the top, as the NHS design system asks.

import { ApiError, safeNext, signIn } from './api.js';
import { h, param, replace } from './dom.js';
import { startPage } from './layout.js';

const form = document.getElementById('login-form');
const messages = document.getElementById('login-messages');
const fields = {
  email: document.getElementById('email'),
  password: document.getElementById('password'),
};

function clearErrors() {
  replace(messages);
  for (const name of Object.keys(fields)) {
    const group = document.getElementById(`${name}-group`);
    const msg = document.getElementById(`${name}-error`);
    group.classList.remove('nhsuk-form-group--error');
    fields[name].classList.remove('nhsuk-input--error');
    fields[name].removeAttribute('aria-describedby');
    msg.hidden = true;
    replace(msg);
  }
}

/** Shows errors: [{field: 'email'|'password'|null, text}]. */
function showErrors(errors) {
  clearErrors();
  const items = errors.map((e) => h('li', {}, e.field ? h('a', { href: `#${e.field}` }, e.text) : e.text));
  const summary = h('div', { class: 'nhsuk-error-summary', tabindex: '-1', id: 'error-summary' },
    h('div', { role: 'alert' },
      h('h2', { class: 'nhsuk-error-summary__heading' }, 'There is a problem'),
      h('div', { class: 'nhsuk-error-summary__body' },
        h('ul', { class: 'nhsuk-list nhsuk-error-summary__list' }, items))));
  replace(messages, summary);
  for (const e of errors) {
    if (!e.field || !fields[e.field]) continue;
    const group = document.getElementById(`${e.field}-group`);
    const msg = document.getElementById(`${e.field}-error`);
    group.classList.add('nhsuk-form-group--error');
    fields[e.field].classList.add('nhsuk-input--error');
    fields[e.field].setAttribute('aria-describedby', `${e.field}-error`);
    replace(msg, h('span', { class: 'nhsuk-u-visually-hidden' }, 'Error: '), e.text);
    msg.hidden = false;
  }
  summary.focus();
}

function validate() {
  const errors = [];
  const email = fields.email.value.trim();
  if (!email) errors.push({ field: 'email', text: 'Enter your email address' });
  else if (!/^[^@\s]+@[^@\s]+$/.test(email)) errors.push({ field: 'email', text: 'Enter an email address like name@example.nhs.uk' });
  if (!fields.password.value) errors.push({ field: 'password', text: 'Enter your password' });
  return errors;
}

async function onSubmit(ev) {
  ev.preventDefault();
  const errors = validate();
  if (errors.length) {
    showErrors(errors);
    return;
  }
  const button = document.getElementById('sign-in');
  button.disabled = true;
  try {
    await signIn(fields.email.value.trim(), fields.password.value);
    window.location.assign(safeNext(param('next')));
  } catch (e) {
    fields.password.value = '';
    const status = e instanceof ApiError ? e.status : 0;
    if (status === 401) {
      showErrors([{ field: 'password', text: 'The email address or password is not right' }]);
    } else if (status === 429) {
      // The server says how long to wait; say it as a sentence.
      const said = (e.message || '').trim();
      const text = said && !/^The request failed/.test(said)
        ? said.charAt(0).toUpperCase() + said.slice(1)
        : 'Too many sign-in attempts. Wait a few minutes, then try again.';
      showErrors([{ field: null, text: /[.)]$/.test(text) ? text : `${text}.` }]);
    } else if (status === 400 || status === 422) {
      const field = e.field === 'email' || e.field === 'password' ? e.field : null;
      showErrors([{ field, text: e.message }]);
    } else if (status === 403) {
      showErrors([{ field: null, text: e.message || 'This account cannot sign in.' }]);
    } else {
      showErrors([{ field: null, text: e.message || 'Could not sign in. Try again.' }]);
    }
  } finally {
    button.disabled = false;
  }
}

async function main() {
  form.addEventListener('submit', onSubmit);
  let user = null;
  try {
    user = await startPage({ public: true });
  } catch {
    // startPage has shown the problem; the form still works.
  }
  if (param('signed_out')) {
    messages.before(h('div', { class: 'nhsuk-inset-text', id: 'signed-out', role: 'status' },
      h('p', {}, 'You have signed out.')));
  }
  if (user) {
    messages.before(h('div', { class: 'nhsuk-inset-text', id: 'already-signed-in' },
      h('p', {}, `You are signed in as ${user.email}. `, h('a', { href: safeNext(param('next')) }, 'Continue'), ' or sign in as someone else.')));
  }
  if (!fields.email.value) fields.email.focus();
}

main();
