// indicator_card: one indicator for one subject as a card: its name (linking to the indicator
// page), the SPC variation and assurance tags, a small SPC chart, and the latest value. The
// organisation page and the scorecard draw the same card, so a measure looks the same wherever
// it appears.

import { formatPeriod, formatValue, h, humanise, pageUrl } from './dom.js';
import { assuranceTag, spcAlt, variationTag } from './spc.js';

/** it: an item of /api/v1/organisations/{code}/indicators; ind: the indicator's row. */
export function indicatorCard(it, ind, subjectCode, subjectName, eager) {
  const href = pageUrl('indicator.html', { code: it.indicator, org: subjectCode });
  const src = `/api/v1/indicators/${encodeURIComponent(it.indicator)}/spc.svg?org=${encodeURIComponent(subjectCode)}`;
  return h('div', { class: 'nhsuk-card' },
    h('div', { class: 'nhsuk-card__content' },
      h('h3', { class: 'nhsuk-card__heading nhsuk-heading-s' }, h('a', { href }, ind.name || it.indicator)),
      h('ul', { class: 'app-tags' },
        h('li', {}, variationTag(it.variation)),
        h('li', {}, assuranceTag(it.assurance))),
      h('a', { href, class: 'app-chart-link', tabindex: '-1', 'aria-hidden': 'true' },
        h('img', {
          class: 'app-chart', src, width: '800', height: '420',
          alt: spcAlt(ind, subjectName, it),
          loading: eager ? 'eager' : 'lazy',
        })),
      h('p', { class: 'nhsuk-body-s app-muted nhsuk-u-margin-bottom-0' },
        it.last_period ? `Latest: ${formatValue(it.last_value, ind)} in ${formatPeriod(it.last_period)}` : 'No observations yet',
        it.domain ? ` · ${humanise(it.domain)}` : '')));
}
