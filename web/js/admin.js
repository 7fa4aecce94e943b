// admin.html: the users: list, add, change role, disable or enable. Only for administrators;
// anyone else sees a sentence saying so (and the API would refuse them anyway).

import { api, ApiError, listAll } from './api.js';
import { h, replace } from './dom.js';
import { breadcrumbs, errorBox, inset, setTitle, showPageError, startPage, table } from './layout.js';

const content = document.getElementById('content');
const ROLES = ['admin', 'commissioner', 'provider'];
let orgs = [];
let me = null;

function roleSelect(id, value, labelText, visuallyHiddenLabel) {
  return [
    h('label', { class: 'nhsuk-label' + (visuallyHiddenLabel ? ' nhsuk-u-visually-hidden' : ''), for: id }, labelText),
    h('select', { class: 'nhsuk-select', id, name: 'role' }, ROLES.map((r) => h('option', { value: r, selected: r === value }, r))),
  ];
}

function orgOptions(value) {
  return [h('option', { value: '', selected: !value }, 'None'),
    ...orgs.map((o) => h('option', { value: o.code, selected: o.code === value }, `${o.name} (${o.code})`))];
}

function message(el, kind, text) {
  if (kind === 'error') replace(el, errorBox('There is a problem', text));
  else replace(el, h('div', { class: 'nhsuk-inset-text', role: 'status' }, h('p', {}, text)));
}

async function refresh(listEl, msgEl) {
  const r = await api('/users');
  const users = (r.items || []).slice().sort((a, b) => String(a.email).localeCompare(String(b.email)));
  // Each row's role and organisation belong to one form (placed in the last column; the
  // selects join it with their form attribute), saved with one button.
  const forms = new Map(users.map((u) => [u.id, { role: null, org: null }]));
  const formId = (u) => `user-form-${u.id}`;
  replace(listEl, table(`Users (${users.length})`, [
    { title: 'Email', value: (u) => u.email },
    {
      title: 'Status',
      value: (u) => h('strong', { class: `nhsuk-tag ${u.disabled ? 'nhsuk-tag--grey' : 'nhsuk-tag--green'}` }, u.disabled ? 'Disabled' : 'Active'),
    },
    {
      title: 'Role',
      value: (u) => {
        const [label, sel] = roleSelect(`role-${u.id}`, u.role, `Role of ${u.email}`, true);
        sel.setAttribute('form', formId(u));
        forms.get(u.id).role = sel;
        return [label, sel];
      },
    },
    {
      title: 'Organisation',
      value: (u) => {
        const sel = h('select', { class: 'nhsuk-select app-org-select', id: `org-${u.id}`, name: 'org', form: formId(u) }, orgOptions(u.org || ''));
        forms.get(u.id).org = sel;
        return [h('label', { class: 'nhsuk-label nhsuk-u-visually-hidden', for: `org-${u.id}` }, `Organisation of ${u.email}`), sel];
      },
    },
    {
      title: 'Change',
      value: (u) => {
        const f = forms.get(u.id);
        const save = h('form', {
          class: 'app-inline-form', id: formId(u), novalidate: true,
          on: {
            submit: (ev) => {
              ev.preventDefault();
              const role = f.role.value;
              const org = f.org.value || null;
              update(u, { role, org }, `${u.email} is now ${role}${org ? ` of ${org}` : ''}.`, listEl, msgEl);
            },
          },
        }, h('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'submit' }, 'Save',
          h('span', { class: 'nhsuk-u-visually-hidden' }, ` role and organisation of ${u.email}`)));
        if (me && u.email === me.email) return [save, h('span', { class: 'app-muted' }, ' (you)')];
        const toggle = h('button', {
          class: `nhsuk-button nhsuk-button--small ${u.disabled ? 'nhsuk-button--secondary' : 'nhsuk-button--warning'}`, type: 'button',
          on: { click: () => update(u, { disabled: !u.disabled }, `${u.email} is ${u.disabled ? 'enabled' : 'disabled'}.`, listEl, msgEl) },
        }, u.disabled ? 'Enable' : 'Disable', h('span', { class: 'nhsuk-u-visually-hidden' }, ` ${u.email}`));
        return h('div', { class: 'app-inline-form' }, save, toggle);
      },
    },
  ], users, { id: 'users-table', hiddenCaption: true }));
}

async function update(u, change, okText, listEl, msgEl) {
  try {
    await api(`/users/${encodeURIComponent(u.id)}`, { method: 'PUT', json: change });
    message(msgEl, 'ok', okText);
    await refresh(listEl, msgEl);
  } catch (e) {
    if (e.status !== 401) message(msgEl, 'error', e.message);
  }
}

function addForm(listEl, msgEl) {
  const fields = {
    email: h('input', { class: 'nhsuk-input nhsuk-input--width-30', id: 'new-email', name: 'email', type: 'email', autocomplete: 'off', spellcheck: 'false' }),
    password: h('input', { class: 'nhsuk-input nhsuk-input--width-20', id: 'new-password', name: 'password', type: 'password', autocomplete: 'new-password', 'aria-describedby': 'new-password-hint' }),
  };
  const [roleLabel, role] = roleSelect('new-role', 'commissioner', 'Role', false);
  const org = h('select', { class: 'nhsuk-select', id: 'new-org', name: 'org', 'aria-describedby': 'new-org-hint' }, orgOptions(''));
  const formMsg = h('div', { id: 'add-user-message' });
  const form = h('form', { id: 'add-user', novalidate: true, method: 'post', action: '#' },
    h('div', { class: 'nhsuk-form-group' }, h('label', { class: 'nhsuk-label', for: 'new-email' }, 'Email address'), fields.email),
    h('div', { class: 'nhsuk-form-group' }, roleLabel, role),
    h('div', { class: 'nhsuk-form-group' },
      h('label', { class: 'nhsuk-label', for: 'new-org' }, 'Organisation'),
      h('div', { class: 'nhsuk-hint', id: 'new-org-hint' }, 'Needed for a provider: the organisation whose data they may change.'),
      org),
    h('div', { class: 'nhsuk-form-group' },
      h('label', { class: 'nhsuk-label', for: 'new-password' }, 'Password'),
      h('div', { class: 'nhsuk-hint', id: 'new-password-hint' }, 'Give it to the person in a safe way; they cannot see it here again.'),
      fields.password),
    h('button', { class: 'nhsuk-button', type: 'submit', id: 'add-user-button' }, 'Add user'),
    formMsg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const email = fields.email.value.trim();
    if (!email || !fields.password.value) {
      message(formMsg, 'error', !email ? 'Enter the new user\'s email address' : 'Enter a password for the new user');
      return;
    }
    try {
      const body = { email, role: role.value, password: fields.password.value };
      body.org = org.value || null;
      const u = await api('/users', { method: 'POST', json: body });
      message(formMsg, 'ok', `Added ${u && u.email ? u.email : email}.`);
      fields.email.value = '';
      fields.password.value = '';
      await refresh(listEl, msgEl);
    } catch (e) {
      if (e.status !== 401) message(formMsg, 'error', e.message);
    }
  });
  return form;
}

async function main() {
  me = await startPage();
  breadcrumbs([{ text: 'Home', href: 'index.html' }]);
  setTitle('Users');
  if (me.role !== 'admin') {
    replace(content, inset('Only administrators can manage users. Ask an administrator if you need an account changed.'));
    document.body.dataset.ready = 'true';
    return;
  }
  orgs = await listAll('/organisations').catch(() => []);
  orgs.sort((a, b) => String(a.name).localeCompare(String(b.name)));
  const msgEl = h('div', { id: 'users-message' });
  const listEl = h('div', { id: 'users-list' }, h('p', { class: 'app-loading', role: 'status' }, 'Loading users…'));
  replace(content, msgEl, h('h2', { id: 'accounts' }, 'Everyone who can sign in'), listEl, h('h2', { id: 'add' }, 'Add a user'), addForm(listEl, msgEl));
  try {
    await refresh(listEl, msgEl);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) replace(listEl, inset(`Could not load the users: ${e.message}`));
  }
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
