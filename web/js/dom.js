// dom: building the page from data without ever parsing data as HTML.
//
// h('a', {href: url, class: 'nhsuk-link'}, 'text', child) makes an element; strings become text
// nodes (textContent), so a name like `<b>Dr "O'Neil" & Partners</b>` shows as typed. There is
// no innerHTML anywhere in web/js for data.

/** Escapes text for the rare place that must build markup as a string (not used for data). */
export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  })[c]);
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const SVG_TAGS = new Set(['svg', 'path', 'circle', 'text', 'title', 'g', 'rect', 'line']);

/** Makes an element. props: attributes (class, href, ...), `text`, `on` ({click: fn}),
 *  `dataset`, `hidden`, and properties for form fields (value, checked, disabled, selected). */
export function h(tag, props, ...children) {
  const svg = SVG_TAGS.has(tag);
  const el = svg ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (!svg && (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled')) el[k] = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replaces the children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** The value of a query-string parameter, or ''. */
export function param(name) {
  return new URLSearchParams(window.location.search).get(name) ?? '';
}

/** A link to a page of ours with query parameters, e.g. pageUrl('org.html', {code: 'QNV'}). */
export function pageUrl(page, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `${page}?${s}` : page;
}

// ---- formatting ------------------------------------------------------------------------------

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2024-10" → "Oct 2024"; "2024-10-03" → "3 Oct 2024"; anything else as given. */
export function formatPeriod(p) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(String(p ?? ''));
  if (!m) return String(p ?? '');
  const month = MONTHS[Number(m[2]) - 1] ?? m[2];
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

/** A number with thousands separators and at most `digits` decimals; '–' for none. */
export function formatNumber(x, digits = 1) {
  if (x === null || x === undefined || x === '' || !Number.isFinite(Number(x))) return '–';
  return Number(x).toLocaleString('en-GB', { maximumFractionDigits: digits });
}

/** Pounds: £4.1m, £310k, £950. */
export function formatMoney(x) {
  if (x === null || x === undefined || !Number.isFinite(Number(x))) return '–';
  const v = Number(x);
  if (Math.abs(v) >= 1e9) return `£${formatNumber(v / 1e9, 2)}bn`;
  if (Math.abs(v) >= 1e6) return `£${formatNumber(v / 1e6, 1)}m`;
  if (Math.abs(v) >= 1e4) return `£${formatNumber(v / 1e3, 0)}k`;
  return `£${formatNumber(v, 0)}`;
}

/** An indicator's value in its own unit: "59.4%", "56.2 per 1,000", "4.6". With short, a rate
 *  leaves out its "per 1,000" (for a table whose heading says it: see unitLabel). */
export function formatValue(x, indicator, short = false) {
  if (x === null || x === undefined || !Number.isFinite(Number(x))) return '–';
  const type = indicator?.type;
  const mult = Number(indicator?.multiplier);
  if (type === 'proportion' && (!mult || mult === 100)) return `${formatNumber(x, 1)}%`;
  if ((type === 'rate' || type === 'proportion') && mult > 1) return short ? formatNumber(x, 1) : `${formatNumber(x, 1)} per ${formatNumber(mult, 0)}`;
  if (type === 'count') return formatNumber(x, 0);
  return formatNumber(x, 2);
}

/** The unit to put in a column heading when values are written short: "per 1,000", or ''. */
export function unitLabel(indicator) {
  const type = indicator?.type;
  const mult = Number(indicator?.multiplier);
  if ((type === 'rate' || type === 'proportion') && mult > 1 && !(type === 'proportion' && mult === 100)) return `per ${formatNumber(mult, 0)}`;
  return '';
}

const ORG_KINDS = {
  icb: 'Integrated care board (ICB)',
  sub_icb: 'Sub-ICB location',
  pcn: 'Primary care network (PCN)',
  gp_federation: 'GP federation',
  voluntary: 'Voluntary sector',
};

/** An organisation's kind in words: "pcn" → "Primary care network (PCN)". */
export function orgKindName(kind) {
  return ORG_KINDS[kind] || humanise(kind);
}

/** "acute_trust" → "Acute trust". */
export function humanise(s) {
  const t = String(s ?? '').replace(/_/g, ' ');
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const PATHWAYS = { msk: 'MSK (musculoskeletal)', end_of_life: 'End of life' };

/** A pathway's short name in words: "end_of_life" → "End of life"; '–' for none. */
export function pathwayName(p) {
  if (!p) return '–';
  return PATHWAYS[p] || humanise(p);
}
