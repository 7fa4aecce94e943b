// import.html: upload a CSV file of one kind to POST /api/v1/import/{kind}; show the upload's
// progress, then the counts, or the error naming the line and the column.

import { uploadCsv } from './api.js';
import { formatNumber, h, humanise, replace } from './dom.js';
import { breadcrumbs, errorBox, setTitle, showPageError, startPage, table } from './layout.js';

const content = document.getElementById('content');

const KINDS = [
  ['organisations', 'Organisations'],
  ['people', 'People'],
  ['sites', 'Sites (estates)'],
  ['services', 'Services'],
  ['contracts', 'Contracts'],
  ['indicators', 'Indicators'],
  ['observations', 'Observations (indicator values)'],
  ['unit-costs', 'Unit costs (for the register of opportunities)'],
  ['eric', 'Estates returns: an ERIC site data file as published (the year from its name)'],
];

function fieldError(group, input, msgEl, text) {
  group.classList.toggle('nhsuk-form-group--error', Boolean(text));
  replace(msgEl, text ? [h('span', { class: 'nhsuk-u-visually-hidden' }, 'Error: '), text] : []);
  msgEl.hidden = !text;
  if (text) input.setAttribute('aria-describedby', msgEl.id);
  else input.setAttribute('aria-describedby', 'file-hint');
}

function resultPanel(kind, file, r) {
  const rows = [
    ['Rows read', r.rows], ['Created', r.created], ['Updated', r.updated], ['Unchanged', r.unchanged],
  ];
  // An ERIC return also says its year, the sites it added and the estates observations it gave.
  if (r.kind === 'eric') rows.push(['New sites', r.sites_created], ['Skipped (no floor area)', r.skipped], [`Estates observations for ${r.year}`, r.observations]);
  return h('div', { id: 'import-result', tabindex: '-1' },
    h('div', { class: 'nhsuk-panel', role: 'status' },
      h('h2', { class: 'nhsuk-panel__title' }, 'Import complete'),
      h('div', { class: 'nhsuk-panel__body' }, `${file.name}: ${formatNumber(r.rows, 0)} ${humanise(r.kind || kind).toLowerCase()} rows`)),
    table('What changed', [
      { title: 'Rows', value: (x) => x[0] },
      { title: 'Count', numeric: true, value: (x) => formatNumber(x[1], 0) },
    ], rows, { id: 'import-counts', rowHeaders: true }));
}

function errorPanel(file, e) {
  const where = [];
  if (e.line) where.push(`line ${e.line}`);
  if (e.field) where.push(`column '${e.field}'`);
  const lines = [];
  if (where.length) lines.push(h('p', { id: 'import-error-where' }, h('strong', {}, `${file.name}: ${where.join(', ')}`)));
  // The server names the upload "upload.csv" and the line in its message; the line is shown
  // above with the real file name, so the message starts at what is wrong.
  const message = e.line ? String(e.message).replace(/^.*?:\d+:\s*/, '') : e.message;
  lines.push(h('p', { id: 'import-error-message' }, humaniseFirst(message)));
  if (e.status === 422 || e.status === 400) lines.push(h('p', {}, 'Nothing was imported: an import is all or nothing. Correct the file and upload it again.'));
  if (e.status === 413) lines.push(h('p', {}, 'Split the file into smaller files and upload each.'));
  if (e.status === 403) lines.push(h('p', {}, 'Your role cannot import this data. Ask an administrator.'));
  return h('div', { id: 'import-error' }, errorBox('The file was not imported', ...lines));
}

function humaniseFirst(t) {
  const s = String(t ?? '');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function render() {
  const kindSelect = h('select', { class: 'nhsuk-select', id: 'kind', name: 'kind' },
    KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const fileInput = h('input', { class: 'nhsuk-file-upload__input', id: 'file', name: 'file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': 'file-hint' });
  const fileError = h('span', { class: 'nhsuk-error-message', id: 'file-error', hidden: true });
  const fileGroup = h('div', { class: 'nhsuk-form-group' },
    h('label', { class: 'nhsuk-label', for: 'file' }, 'CSV file'),
    h('div', { class: 'nhsuk-hint', id: 'file-hint' }, 'Comma separated, UTF-8, with a header row naming the columns. Up to 10 MB.'),
    fileError, fileInput);
  const button = h('button', { class: 'nhsuk-button', type: 'submit', id: 'upload' }, 'Upload and import');
  const progress = h('progress', { class: 'app-progress', id: 'upload-progress', max: '100', 'aria-label': 'Upload progress' });
  const status = h('p', { id: 'upload-status', role: 'status', 'aria-live': 'polite' });
  const progressBox = h('div', { id: 'progress-box', hidden: true }, progress, status);
  const resultEl = h('div', { id: 'result' });

  const form = h('form', { id: 'import-form', method: 'post', action: '#', novalidate: true },
    h('div', { class: 'nhsuk-form-group' },
      h('label', { class: 'nhsuk-label', for: 'kind' }, 'What the file holds'),
      h('div', { class: 'nhsuk-hint', id: 'kind-hint' }, 'Rows are matched by their code: a row that exists is updated, never duplicated.'),
      kindSelect),
    fileGroup, button, progressBox);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(resultEl);
    const file = fileInput.files && fileInput.files[0];
    if (!file) {
      fieldError(fileGroup, fileInput, fileError, 'Select a CSV file');
      fileInput.focus();
      return;
    }
    fieldError(fileGroup, fileInput, fileError, '');
    const kind = kindSelect.value;
    button.disabled = true;
    progressBox.hidden = false;
    progress.removeAttribute('value'); // indeterminate until the browser reports progress
    status.textContent = `Uploading ${file.name}…`;
    progressBox.scrollIntoView({ block: 'nearest' });
    try {
      // An ERIC file's name carries its financial year.
      const r = await uploadCsv(kind, file, (fraction) => {
        if (fraction === null || fraction >= 1) {
          progress.removeAttribute('value');
          if (fraction !== null) status.textContent = `Checking and importing ${file.name}…`;
        } else {
          progress.value = Math.round(fraction * 100);
          status.textContent = `Uploading ${file.name}: ${Math.round(fraction * 100)}%`;
        }
      }, kind === 'eric' ? { filename: file.name } : {});
      progressBox.hidden = true;
      replace(resultEl, resultPanel(kind, file, r || {}));
      document.getElementById('import-result').focus();
    } catch (e) {
      progressBox.hidden = true;
      if (e.status === 401) return;
      const panel = errorPanel(file, e);
      replace(resultEl, panel);
      panel.querySelector('.nhsuk-error-summary').focus();
    } finally {
      button.disabled = false;
    }
  });

  replace(content,
    h('p', {}, 'Load a CSV file of organisations, people, sites, services, contracts, indicators or their monthly values, in the formats of docs/data-formats.md. A file with one bad value changes nothing.'),
    form, resultEl);
}

async function main() {
  await startPage();
  breadcrumbs([{ text: 'Home', href: 'index.html' }]);
  setTitle('Import data');
  render();
  document.body.dataset.ready = 'true';
}

main().catch((e) => {
  if (e && e.status !== 401) showPageError(e);
});
