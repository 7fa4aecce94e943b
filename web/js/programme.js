// programme.html?code=: an improvement programme read as its story (GET
// /api/v1/programmes/{code}/report): vision, the co-design events, what people said (the
// emotional map and the stories), priorities, pledges, work streams, goals against their path
// to target, projects with the three things improvement needs, and progress. Without a code:
// the list of programmes. For commissioners: the report names the people leading the work.

import { api, listAll } from './api.js';
import { formatNumber, h, humanise, pageUrl, param, replace } from './dom.js';
import { breadcrumbs, inset, section, setTitle, showPageError, startPage, table } from './layout.js';

const content = document.getElementById('content');

const STATUS_WORDS = {
  on_track: 'On track', off_track: 'Behind the path', achieved: 'Target reached', no_data: 'No data yet',
};
const STATUS_TAG = { on_track: 'nhsuk-tag--green', off_track: 'nhsuk-tag--red', achieved: 'nhsuk-tag--blue', no_data: 'nhsuk-tag--grey' };
const PLEDGE_ORDER = ['delivered', 'in_progress', 'made', 'lapsed'];

function tag(text, cls) {
  return h('strong', { class: `nhsuk-tag ${cls}` }, text);
}

function heading(id, text) {
  return h('h2', { id }, text);
}

function vision(p) {
  const people = p.events.reduce((n, e) => n + (e.patients || 0) + (e.carers || 0) + (e.staff || 0), 0);
  const orgs = p.events.reduce((n, e) => Math.max(n, e.organisations || 0), 0);
  const score = p.progress?.score;
  return h('div', { id: 'programme-vision' },
    h('p', { class: 'nhsuk-lede-text' }, p.vision || ''),
    h('dl', { class: 'nhsuk-summary-list' },
      [['Led by', p.lead_name || '–'], ['Status', humanise(p.status)],
        ['Co-designed at', `${p.events.length} events, ${formatNumber(people, 0)} places taken by patients, carers and staff, up to ${orgs} organisations at once`],
        ['Progress', score == null ? 'No projects or pledges yet'
          : `${formatNumber(score, 1)} on the 0.5–5 improvement scale (projects at their scores, pledges a quarter each)`]]
        .map(([k, v]) => h('div', { class: 'nhsuk-summary-list__row' },
          h('dt', { class: 'nhsuk-summary-list__key' }, k), h('dd', { class: 'nhsuk-summary-list__value', id: k === 'Progress' ? 'programme-progress' : null }, v)))));
}

function events(p) {
  return [heading('events', 'Co-design events'),
    table('Co-design events', [
      { title: 'Date', value: (e) => e.date },
      { title: 'Kind', value: (e) => humanise(e.kind) },
      { title: 'Where', value: (e) => e.place || '–' },
      { title: 'Patients', numeric: true, value: (e) => String(e.patients ?? '–') },
      { title: 'Carers', numeric: true, value: (e) => String(e.carers ?? '–') },
      { title: 'Staff', numeric: true, value: (e) => String(e.staff ?? '–') },
      { title: 'Organisations', numeric: true, value: (e) => String(e.organisations ?? '–') },
    ], p.events, { id: 'events-table', hiddenCaption: true })];
}

async function renderVoices(el, p) {
  const stories = await api(`/experience/stories?programme=${encodeURIComponent(p.programme)}`);
  const map = p.emotional_map;
  const words = map && map.stages.length
    ? `Mean feeling per stage, from −2 to +2, across ${map.stories} stories: ${map.stages.map((s) => `${humanise(s.stage)} ${formatNumber(s.mean_valence, 1)}`).join(', ')}.`
    : 'No stories with touchpoints yet.';
  replace(el, heading('voices', 'What people said'),
    map && map.stages.length
      ? h('figure', { class: 'app-chart-frame' },
        h('img', { class: 'app-chart app-chart--large', id: 'emotional-map', src: `/api/v1/experience/emotional-map.svg?pathway=${encodeURIComponent(p.pathway)}`, alt: words }),
        h('figcaption', {}, words))
      : inset(words),
    h('ul', { class: 'nhsuk-list', id: 'stories' }, stories.stories.map((s) => h('li', { class: 'app-story' },
      h('p', { class: 'nhsuk-body-s nhsuk-u-margin-bottom-1' },
        h('strong', {}, s.title), ` – ${humanise(s.teller)}, ${s.told_on} `,
        tag(s.consent === 'none' ? 'No consent to share' : `Consent: ${s.consent}`, s.consent === 'none' ? 'nhsuk-tag--red' : 'nhsuk-tag--grey'),
        s.moderation ? ' ' : null, s.moderation ? tag(humanise(s.moderation), s.moderation === 'approved' ? 'nhsuk-tag--green' : 'nhsuk-tag--yellow') : null),
      h('blockquote', { class: 'app-quote' }, s.text),
      s.response ? h('p', { class: 'nhsuk-body-s' }, `Response: ${s.response}`) : null))));
}

function priorities(p) {
  return [heading('priorities', 'Priorities'),
    h('ol', { class: 'nhsuk-list nhsuk-list--number', id: 'priorities-list' },
      p.priorities.map((r) => h('li', {}, h('strong', {}, r.title), ` (${r.horizon === 'short_term' ? 'short term' : 'long term'})`,
        r.description ? h('br') : null, r.description || '')))];
}

function pledges(p) {
  const counts = p.progress?.pledge_statuses || {};
  const summary = PLEDGE_ORDER.filter((s) => counts[s]).map((s) => `${counts[s]} ${humanise(s).toLowerCase()}`).join(', ');
  return [heading('pledges', `${p.pledges.length} pledges of support`),
    h('p', { id: 'pledge-summary' }, summary || 'None yet.'),
    h('details', { class: 'nhsuk-details' },
      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Every pledge')),
      h('div', { class: 'nhsuk-details__text' },
        table('Pledges', [
          { title: 'Organisation', value: (r) => h('a', { href: pageUrl('org.html', { code: r.organisation }) }, r.organisation_name) },
          { title: 'Pledge', value: (r) => r.pledge },
          { title: 'Status', value: (r) => humanise(r.status) },
          { title: 'Due', value: (r) => r.due || '–' },
        ], p.pledges, { id: 'pledges-table', hiddenCaption: true })))];
}

function workstreams(p) {
  return [heading('workstreams', 'Work streams'),
    table('Work streams', [
      { title: 'Work stream', value: (w) => w.name },
      { title: 'Led by', value: (w) => (w.lead_name ? `${w.lead_name} (${humanise(w.lead_role).toLowerCase()})` : 'Nobody yet') },
      { title: 'Champions', numeric: true, value: (w) => String(w.champions) },
    ], p.workstreams, { id: 'workstreams-table', hiddenCaption: true })];
}

function champions(p) {
  const streams = new Map(p.workstreams.map((w) => [w.code, w.name]));
  return [heading('champions', `Change champions (${p.champions.length})`),
    table('Change champions', [
      { title: 'Champion', value: (c) => c.name },
      { title: 'Work stream', value: (c) => (c.workstream ? streams.get(c.workstream) || c.workstream : 'The whole programme') },
      { title: 'Coaching', value: (c) => humanise(c.coaching) },
    ], p.champions, { id: 'champions-table', hiddenCaption: true })];
}

function goals(p) {
  return [heading('goals', 'Goals'),
    h('ul', { class: 'app-chart-grid', id: 'goals-list' }, p.goals.map(({ code, progress: g }) => {
      const words = g.latest
        ? `${formatNumber(g.latest.value, 1)} in ${g.latest.period}; the straight path to ${formatNumber(g.target, 1)} by ${g.target_period} expects ${formatNumber(g.expected_now, 1)}.`
        : `No data since the baseline in ${g.baseline_period}.`;
      return h('li', {}, h('div', { class: 'nhsuk-card app-goal', dataset: { goal: code } },
        h('div', { class: 'nhsuk-card__content' },
          h('h3', { class: 'nhsuk-card__heading nhsuk-heading-s' }, g.name, ' ', tag(STATUS_WORDS[g.status] || g.status, STATUS_TAG[g.status] || '')),
          h('img', { class: 'app-chart', src: `/api/v1/goals/${encodeURIComponent(code)}/progress.svg`, alt: `${g.name}: ${words}` }),
          h('p', { class: 'nhsuk-body-s' }, words, g.assurance ? ` SPC assurance against the target: ${humanise(g.assurance).toLowerCase()}.` : ''))));
    }))];
}

function projects(p) {
  const mark = (c) => (c.present ? `✓ ${c.name}` : '✗ missing');
  return [heading('projects', 'Improvement projects'),
    table('Projects and the three things improvement needs', [
      { title: 'Project', value: (r) => r.detail.name },
      { title: 'Senior support', value: (r) => mark(r.detail.readiness.components[0]) },
      { title: 'Clinical leadership', value: (r) => mark(r.detail.readiness.components[1]) },
      { title: 'Improvement capability', value: (r) => mark(r.detail.readiness.components[2]) },
      { title: 'Progress', numeric: true, value: (r) => formatNumber(r.detail.progress_score, 1) },
    ], p.projects, { id: 'projects-table', hiddenCaption: true, rowClass: (r) => (r.detail.readiness.ready ? '' : 'app-row-warning') }),
    ...p.projects.filter((r) => r.detail.chart && r.detail.chart.points).map((r) => h('figure', { class: 'app-chart-frame app-project-chart', dataset: { project: r.code } },
      h('img', {
        class: 'app-chart app-chart--large', src: `/api/v1/projects/${encodeURIComponent(r.code)}/chart.svg`,
        alt: `${r.detail.name}: its measure as an SPC chart, ${r.detail.pdsa_cycles.length} PDSA cycles, changes marked: ${(r.detail.chart.annotations || []).map((n) => `cycle ${n.cycle} (${n.title}) in ${n.period}`).join('; ') || 'none'}.`,
      }),
      h('figcaption', {}, `${r.detail.name}: PDSA cycles ${r.detail.pdsa_cycles.map((c) => `${c.cycle} ${c.title}`).join(', ')}`))),
    ...p.projects.filter((r) => r.detail.warnings.length).map((r) => h('div', { class: 'nhsuk-warning-callout app-readiness-warning' },
      h('h3', { class: 'nhsuk-warning-callout__label' }, h('span', { role: 'text' }, h('span', { class: 'nhsuk-u-visually-hidden' }, 'Important: '), r.detail.name)),
      r.detail.warnings.map((w) => h('p', {}, w))))];
}

async function renderProgramme(code) {
  const p = await api(`/programmes/${encodeURIComponent(code)}/report`);
  setTitle(p.name, 'Programme');
  breadcrumbs([{ text: 'Home', href: 'index.html' }, { text: 'Programmes', href: 'programme.html' }]);
  const voices = h('section', { id: 'voices-section' }, h('p', { class: 'app-loading' }, 'Loading what people said…'));
  replace(content, vision(p), ...events(p), voices, ...priorities(p), ...pledges(p), ...workstreams(p), ...champions(p), ...goals(p), ...projects(p));
  await section(voices, 'the stories', () => renderVoices(voices, p));
}

async function renderList() {
  setTitle('Programmes');
  breadcrumbs([{ text: 'Home', href: 'index.html' }]);
  const items = await listAll('/programmes');
  if (items.length === 0) {
    replace(content, inset('No programme yet: import one with ', h('code', {}, 'unlock import programmes FILE'), '.'));
    return;
  }
  replace(content, table('Programmes', [
    { title: 'Programme', value: (r) => h('a', { href: pageUrl('programme.html', { code: r.code }) }, r.name) },
    { title: 'Pathway', value: (r) => humanise(r.pathway || '–') },
    { title: 'Status', value: (r) => humanise(r.status) },
  ], items, { id: 'programmes-table', hiddenCaption: true }));
}

try {
  await startPage();
  const code = param('code');
  await (code ? renderProgramme(code) : renderList());
} catch (e) {
  showPageError(e);
} finally {
  document.body.dataset.ready = 'true';
}
