// spc: Making Data Count icons as words and tags, and sentences that say what a chart shows.

import { formatPeriod, formatValue, h } from './dom.js';

// Variation (from the last point): improvement blue, concern orange, neutral purple.
const VARIATION = {
  common_cause: { kind: 'common', colour: '#a6a6a6', letter: '', text: 'Common cause variation' },
  improvement_high: { kind: 'improvement', colour: '#00b0f0', letter: 'H', text: 'Improvement (higher)' },
  improvement_low: { kind: 'improvement', colour: '#00b0f0', letter: 'L', text: 'Improvement (lower)' },
  concern_high: { kind: 'concern', colour: '#e46c0a', letter: 'H', text: 'Concern (higher)' },
  concern_low: { kind: 'concern', colour: '#e46c0a', letter: 'L', text: 'Concern (lower)' },
  neutral_high: { kind: 'neutral', colour: '#490092', letter: 'H', text: 'Special cause (higher)' },
  neutral_low: { kind: 'neutral', colour: '#490092', letter: 'L', text: 'Special cause (lower)' },
};

const ASSURANCE = {
  consistent_pass: { kind: 'assurance-pass', colour: '#00b0f0', letter: 'P', text: 'Target consistently met' },
  consistent_fail: { kind: 'assurance-fail', colour: '#e46c0a', letter: 'F', text: 'Target consistently missed' },
  inconsistent: { kind: 'assurance-inconsistent', colour: '#a6a6a6', letter: '?', text: 'Target sometimes met' },
};

export function variationInfo(v) {
  return VARIATION[v] || { kind: 'common', colour: '#a6a6a6', letter: '', text: v ? String(v).replace(/_/g, ' ') : 'No variation icon' };
}

export function variationKind(v) {
  return variationInfo(v).kind;
}

/** The icon: a circle in the icon's colour, with H or L drawn by CSS (so that it is not read
 *  out or copied as part of the words). */
function icon(kind, letter) {
  return h('span', { class: `app-spc-icon app-spc-icon--${kind}`, 'data-letter': letter || '', 'aria-hidden': 'true' });
}

/** The variation icon as a tag: coloured circle with H/L and the words. */
export function variationTag(v) {
  const info = variationInfo(v);
  return h('strong', { class: `app-spc-tag app-spc-tag--${info.kind}`, dataset: { variation: v || '' }, title: `Variation: ${info.text}` },
    icon(info.kind, info.letter), info.text);
}

/** The assurance icon as a tag; "No target" when there is none. */
export function assuranceTag(a) {
  const info = ASSURANCE[a];
  if (!info) return h('strong', { class: 'app-spc-tag app-spc-tag--assurance-none', dataset: { assurance: '' }, title: 'Assurance: no target set' }, 'No target');
  return h('strong', { class: `app-spc-tag app-spc-tag--${info.kind}`, dataset: { assurance: a }, title: `Assurance: ${info.text}` },
    icon(info.kind, info.letter), info.text);
}

export function assuranceText(a) {
  return ASSURANCE[a]?.text || 'no target';
}

/**
 * A sentence for the alt text of an SPC chart. ind: the indicator (name, type, multiplier);
 * subject: display name; spc: the /spc JSON when known (points, variation), else the summary
 * fields {last_period, last_value, variation}.
 */
export function spcAlt(ind, subject, spc) {
  const name = ind?.name || ind?.code || 'Indicator';
  const pts = spc?.points || [];
  const parts = [`SPC chart of ${name} for ${subject}`];
  if (pts.length) {
    const last = pts[pts.length - 1];
    parts[0] += `, ${pts.length} months from ${formatPeriod(pts[0].period)} to ${formatPeriod(last.period)}`;
    parts.push(`latest ${formatValue(last.value, ind)} in ${formatPeriod(last.period)}, mean ${formatValue(last.mean, ind)}, process limits ${formatValue(last.lpl, ind)} to ${formatValue(last.upl, ind)}`);
  } else if (spc?.last_period) {
    parts.push(`latest ${formatValue(spc.last_value, ind)} in ${formatPeriod(spc.last_period)}`);
  }
  parts.push(`variation: ${variationInfo(spc?.variation).text.toLowerCase()}`);
  if (spc && 'assurance' in spc) parts.push(`assurance: ${assuranceText(spc.assurance)}`);
  return parts.join('; ') + '.';
}

/** Funnel significance in words. */
export function significanceText(s) {
  switch (s) {
    case 'high_0.001': return 'Higher than expected (outside 99.8% limits)';
    case 'high_0.025': return 'Higher than expected (outside 95% limits)';
    case 'low_0.001': return 'Lower than expected (outside 99.8% limits)';
    case 'low_0.025': return 'Lower than expected (outside 95% limits)';
    case 'not_significant': return 'Within the limits';
    default: return s ? String(s).replace(/_/g, ' ') : '–';
  }
}

/** Whether a funnel significance, with the indicator's polarity, is good, bad or neither. */
export function significanceKind(s, polarity) {
  if (!s || s === 'not_significant') return 'common';
  const high = s.startsWith('high');
  if (polarity === 'high_is_good') return high ? 'improvement' : 'concern';
  if (polarity === 'low_is_good') return high ? 'concern' : 'improvement';
  return 'neutral';
}

/** A tag for a funnel outlier, coloured by whether being there is good or bad. */
export function significanceTag(s, polarity) {
  const kind = significanceKind(s, polarity);
  const letter = s && s.startsWith('high') ? 'H' : s && s.startsWith('low') ? 'L' : '';
  return h('strong', { class: `app-spc-tag app-spc-tag--${kind}`, dataset: { significance: s || '' } },
    icon(kind, letter), significanceText(s));
}
