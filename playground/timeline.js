// The incident's timeline as SVG: days along the x axis with working time light and non-working time shaded, one row
// per deadline from detection to its due instant, labelled with its step and clause.
import { t } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/// "2026-05-04T13:00:00+05:00" → "04.05 13:00" (the wall clock of the regulation, as written in the answer).
export function shortLocal(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso || '');
  return m ? `${m[3]}.${m[2]} ${m[4]}:${m[5]}` : '';
}

export function offsetOf(iso) {
  const m = /([+-]\d{2}:\d{2}|Z)$/.exec(iso || '');
  return m ? (m[1] === 'Z' ? '+00:00' : m[1]) : '+00:00';
}

export function drawTimeline(container, answer, lang) {
  container.textContent = '';
  const deadlines = answer.deadlines.filter((d) => d.due);
  const t0 = Date.parse(answer.detected);
  const dues = deadlines.map((d) => Date.parse(d.due));
  const offset = offsetOf(answer.detected);
  const days = answer.working_time?.days || [];
  const dayStart = (date) => Date.parse(`${date}T00:00:00${offset}`);
  // The span: from the start of detection's day to the end of the last due's day (at most the days answered).
  let start = days.length ? dayStart(days[0].date) : t0;
  let end = Math.max(t0, ...dues);
  if (days.length) end = Math.min(Math.max(end, dayStart(days[days.length - 1].date) + 86400000), dayStart(days[days.length - 1].date) + 86400000);
  if (end <= start) end = start + 86400000;
  const labelWidth = 230, width = Math.max(720, container.clientWidth || 720), chartWidth = width - labelWidth - 20;
  const rowHeight = 26, top = 38, height = top + rowHeight * (deadlines.length + 1) + 12;
  const x = (ms) => labelWidth + ((ms - start) / (end - start)) * chartWidth;
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'timeline', role: 'img',
    'aria-label': 'timeline', 'data-detected': answer.detected });

  // Days: non-working background, working intervals lighter, a label per day.
  const bg = el('g', { class: 'days' });
  bg.appendChild(el('rect', { x: labelWidth, y: top - 8, width: chartWidth, height: height - top, class: 'off' }));
  for (const day of days) {
    const ds = dayStart(day.date);
    if (ds >= end) break;
    for (const [a, b] of day.intervals) {
      const xa = x(Math.max(start, Date.parse(a))), xb = x(Math.min(end, Date.parse(b)));
      if (xb > xa) bg.appendChild(el('rect', { x: xa, y: top - 8, width: xb - xa, height: height - top, class: 'working',
        'data-from': a, 'data-to': b }));
    }
    const xd = x(ds);
    bg.appendChild(el('line', { x1: xd, x2: xd, y1: 14, y2: height - 4, class: 'day-line' }));
    const dayWidth = x(ds + 86400000) - xd;
    if (dayWidth > 34) {
      const [, mo, dd] = day.date.split('-');
      bg.appendChild(el('text', { x: xd + 3, y: 26, class: `day-label kind-${day.kind}` }, `${dd}.${mo}`));
    }
  }
  svg.appendChild(bg);

  // Detection.
  const xd = x(t0);
  svg.appendChild(el('line', { x1: xd, x2: xd, y1: 14, y2: height - 4, class: 'detected-line' }));
  svg.appendChild(el('text', { x: 8, y: top + 9, class: 'row-label' }, `${t(lang, 'detectedMark')} ${shortLocal(answer.detected)}`));

  // One row per deadline.
  deadlines.forEach((d, i) => {
    const y = top + rowHeight * (i + 1);
    const due = Date.parse(d.due);
    const g = el('g', { class: 'deadline', 'data-step': d.step, 'data-due': d.due, 'data-clause': d.clause ?? '' });
    const clause = d.clause ? ` · ${t(lang, 'clause', { c: d.clause })}` : '';
    const label = el('text', { x: 8, y: y + 4, class: 'row-label' }, `${d.step}${clause}`);
    label.appendChild(el('title', {}, d.name || d.step));
    g.appendChild(label);
    const xa = x(Math.max(start, t0)), xb = x(Math.min(end, due));
    g.appendChild(el('rect', { x: Math.min(xa, xb), y: y - 7, width: Math.max(2, Math.abs(xb - xa)), height: 14, rx: 3,
      class: d.entity === 'limit' ? 'bar limit' : 'bar' }));
    g.appendChild(el('circle', { cx: xb, cy: y, r: 4.5, class: 'due-dot' }));
    const text = shortLocal(d.due);
    const right = xb + 8 + text.length * 7 < width;
    g.appendChild(el('text', { x: right ? xb + 8 : xb - 8, y: y + 4, class: 'due-label', 'text-anchor': right ? 'start' : 'end' }, text));
    svg.appendChild(g);
  });
  container.appendChild(svg);
  return svg;
}
