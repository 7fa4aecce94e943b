// safe_html: the notes of a conversation as the server rendered them from Markdown (cmark's safe
// mode already drops raw HTML and javascript: links), rebuilt element by element from a
// whitelist. The HTML is parsed into an inert document (DOMParser runs no scripts and loads
// nothing), and only known elements, text and safe link targets are copied into the page: an
// attribute, a style, an event handler or an unknown element never arrives, whatever the server
// sent.

import { h } from './dom.js';

const KEEP = new Set(['p', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote', 'br', 'hr',
  'del', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);
const HEADINGS = /^h([1-6])$/;

/** A link target we let through: our own pages, http(s) and mailto. Anything else is dropped. */
export function safeHref(href) {
  const s = String(href ?? '').trim();
  if (/^(https?:|mailto:)/i.test(s)) return s;
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//') || s.includes('\\')) return null;
  return s || null;
}

function copy(node, shift) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.nodeValue);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = node.tagName.toLowerCase();
  const kids = [...node.childNodes].map((c) => copy(c, shift)).filter(Boolean);
  const hd = HEADINGS.exec(tag);
  if (hd) return h(`h${Math.min(6, Number(hd[1]) + shift)}`, {}, kids);
  if (tag === 'a') {
    const href = safeHref(node.getAttribute('href'));
    return href ? h('a', { href, rel: 'noopener noreferrer' }, kids) : h('span', {}, kids);
  }
  if (KEEP.has(tag)) return h(tag, {}, kids);
  // An element we do not know keeps its text and nothing else.
  return kids.length ? h('span', {}, kids) : null;
}

/**
 * The rendered notes as nodes to put in the page. Headings in the notes are moved down so that
 * the highest of them sits at `topLevel` (under the page's own "Notes" heading).
 */
export function safeFragment(html, topLevel = 3) {
  const doc = new DOMParser().parseFromString(`<body>${String(html ?? '')}</body>`, 'text/html');
  const levels = [...doc.body.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((e) => Number(e.tagName[1]));
  const shift = levels.length ? topLevel - Math.min(...levels) : 0;
  const frag = document.createDocumentFragment();
  for (const c of doc.body.childNodes) {
    const n = copy(c, shift);
    if (n) frag.appendChild(n);
  }
  return frag;
}
