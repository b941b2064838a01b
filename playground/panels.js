// The simulation, log-audit and version-comparison panels (/api/simulate, /api/audit, /api/diff).
import { api } from './api.js';
import { t } from './i18n.js';
import { shortLocal } from './timeline.js';

const $ = (id) => document.getElementById(id);
const NS = 'http://www.w3.org/2000/svg';

function h(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function svg(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const pct = (v, lang) => {
  const s = `${(v * 100).toFixed(1)} %`;
  return lang === 'ru' ? s.replace('.', ',') : s;
};

function minutes(m, lang) {
  if (m === null || m === undefined) return '—';
  if (m < 120) return lang === 'ru' ? `${Math.round(m)} мин` : `${Math.round(m)} min`;
  const s = (m / 60).toFixed(1);
  return lang === 'ru' ? `${s.replace('.', ',')} ч` : `${s} h`;
}

/// An error of the API as a box: its message, and the diagnostics it carries with their lines.
function errorBox(err, lang) {
  const box = h('div', null, 'error-box');
  box.dataset.id = err.id || '';
  box.append(h('div', err.message));
  if (err.diagnostics?.length) {
    const ul = h('ul', null, 'error-diags');
    for (const d of err.diagnostics) {
      ul.append(h('li', `${d.file ?? ''}:${d.line}:${d.column} ${d.message} [${d.id}]`));
    }
    box.append(ul);
  }
  return box;
}

/// A horizontal bar chart in SVG: rows of [label, value], bars scaled to `max` (1 for shares).
export function barChart(rows, format, { max = 1, title } = {}) {
  const labelWidth = 170, barWidth = 250, row = 22, top = title ? 22 : 4;
  const w = labelWidth + barWidth + 80, hgt = top + row * rows.length + 6;
  const chart = svg('svg', { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, class: 'chart', role: 'img' });
  if (title) chart.append(svg('text', { x: 0, y: 14, class: 'chart-title' }, title));
  rows.forEach(([label, value, id], i) => {
    const y = top + i * row;
    const shown = label.length > 21 ? label.slice(0, 20) + '…' : label;
    const text = svg('text', { x: 0, y: y + 14 }, shown);
    text.append(svg('title', {}, id && id !== label ? `${label} (${id})` : label));
    const width = max > 0 ? Math.max(1, barWidth * Math.min(1, value / max)) : 1;
    chart.append(text, svg('rect', { x: labelWidth, y: y + 3, height: 14, width, class: 'bar' }),
      svg('text', { x: labelWidth + width + 6, y: y + 14, class: 'value' }, format(value)));
  });
  return chart;
}

/// Lines over days: series {name: [values]} against dates, one colour each, with a legend.
export function lineChart(dates, series, { title, format = (v) => v.toFixed(1) } = {}) {
  const w = 500, hgt = 190, left = 40, right = 10, top = title ? 26 : 10, bottom = 34;
  const names = Object.keys(series);
  const all = names.flatMap((n) => series[n]);
  const max = Math.max(1e-9, ...all);
  const x = (i) => left + (dates.length <= 1 ? 0 : (i * (w - left - right)) / (dates.length - 1));
  const y = (v) => top + (hgt - top - bottom) * (1 - v / max);
  const chart = svg('svg', { viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, class: 'chart line-chart', role: 'img' });
  if (title) chart.append(svg('text', { x: 0, y: 14, class: 'chart-title' }, title));
  chart.append(svg('line', { x1: left, y1: y(0), x2: w - right, y2: y(0), class: 'axis' }),
    svg('line', { x1: left, y1: top, x2: left, y2: y(0), class: 'axis' }),
    svg('text', { x: left - 4, y: top + 4, class: 'tick', 'text-anchor': 'end' }, format(max)),
    svg('text', { x: left - 4, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, '0'));
  const step = Math.max(1, Math.ceil(dates.length / 6));
  dates.forEach((d, i) => {
    if (i % step) return;
    chart.append(svg('text', { x: x(i), y: y(0) + 14, class: 'tick', 'text-anchor': 'middle' }, `${d.slice(8, 10)}.${d.slice(5, 7)}`));
  });
  names.forEach((n, k) => {
    const points = series[n].map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    chart.append(svg('polyline', { points, class: `series s${k % 6}` }));
    const lx = left + 10 + k * 120;
    chart.append(svg('rect', { x: lx, y: hgt - 12, width: 10, height: 4, class: `swatch s${k % 6}` }),
      svg('text', { x: lx + 14, y: hgt - 7, class: 'tick' }, n.length > 14 ? n.slice(0, 13) + '…' : n));
  });
  return chart;
}

function table(headers, rows, cls = 'deadline-table') {
  const tbl = h('table', null, cls);
  const head = h('tr');
  for (const c of headers) head.append(h('th', c));
  tbl.append(head);
  for (const r of rows) {
    const tr = h('tr');
    for (const c of r) {
      const td = h('td');
      if (c instanceof Node) td.append(c); else td.textContent = c ?? '';
      tr.append(td);
    }
    tbl.append(tr);
  }
  return tbl;
}

// ---- simulation ----------------------------------------------------------------------------------------------------

export function resetSimulation() {
  const area = $('sim-scenario');
  area.value = '';
  delete area.dataset.edited;
  $('sim-rate').placeholder = '';
  $('sim-days').placeholder = '';
  $('simulate-result').textContent = '';
}

export function setUpSimulation(page, editor, available, limits = {}) {
  $('simulate-unavailable').hidden = available;
  $('simulate-form').hidden = !available;
  if (!available) return;
  if (limits.max_simulation_runs) $('sim-runs').max = limits.max_simulation_runs;
  $('sim-scenario').addEventListener('input', (e) => { e.target.dataset.edited = 'true'; });
  $('simulate-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = $('simulate-result');
    const button = $('simulate-form').querySelector('button[type=submit]');
    out.textContent = '';
    out.append(h('p', t(page.lang, 'running'), 'muted'));
    out.dataset.state = 'running';
    button.disabled = true;
    const body = { text: editor.value, name: page.name || 'playground.yaml', lang: page.lang,
      runs: Number($('sim-runs').value) || 5, seed: Number($('sim-seed').value) || 0,
      variants: $('sim-variants').checked };
    if ($('sim-rate').value) body.per_day = Number($('sim-rate').value);
    if ($('sim-days').value) body.days = Number($('sim-days').value);
    const area = $('sim-scenario');
    if (area.dataset.edited && area.value.trim()) body.scenario = area.value;
    try {
      const answer = await api.simulate(body);
      out.textContent = '';
      showSimulation(out, answer, page.lang);
      if (!area.dataset.edited) area.value = answer.scenario.text;
      $('sim-rate').placeholder = String(answer.scenario.per_day);
      $('sim-days').placeholder = String(answer.scenario.days);
      out.dataset.state = 'done';
    } catch (err) {
      out.textContent = '';
      out.append(errorBox(err, page.lang));
      out.dataset.state = 'error';
    } finally {
      button.disabled = false;
    }
  });
}

function showSimulation(out, a, lang) {
  const late = a.late_share.overall;
  const ci = a.confidence?.late_share_overall_95;
  const origin = t(lang, `scenario_${a.scenario.origin}`);
  out.append(h('p', t(lang, 'simSummary', { runs: a.runs, n: a.incidents, seed: a.seed }) + ` · ${origin}: «${a.scenario.name}»`,
    'muted small'));
  const head = h('div', null, 'sim-headline');
  // A share lies in 0…1: the t interval of a few runs can reach past it, and is shown cut there.
  const clamp = (v) => Math.min(1, Math.max(0, v));
  head.append(h('span', pct(late, lang), 'big'), h('span', ' ' + t(lang, 'lateShare')),
    ci && a.runs > 1 ? h('span', ` (95 %: ${pct(clamp(ci[0]), lang)} – ${pct(clamp(ci[1]), lang)})`, 'muted') : '');
  out.append(head);
  const tta = a.time_to_answer_minutes;
  out.append(h('p', t(lang, 'timeToAnswer', { p50: minutes(tta.p50, lang), p90: minutes(tta.p90, lang), p99: minutes(tta.p99, lang) })));

  const charts = h('div', null, 'charts');
  // Bars are labelled with the act's names (the answer's keys are ids); the id stays in the tooltip.
  // A category overlay is keyed by its ids joined with '+' (ordinary+important).
  const nameOf = (kind, id) => id.split('+').map((part) => a.names?.[kind]?.[part] || part).join(' + ');
  const named = (kind, entries) => entries.map(([id, v]) => [nameOf(kind, id), v, id]);
  const bySteps = named('steps', Object.entries(a.late_share.by_step || {}));
  if (bySteps.length) charts.append(barChart(bySteps, (v) => pct(v, lang), { title: t(lang, 'lateByStep') }));
  const util = named('roles', Object.entries(a.utilisation || {}).filter(([, v]) => v > 0));
  if (util.length) charts.append(barChart(util, (v) => pct(v, lang), { title: t(lang, 'utilisation') }));
  const cats = named('categories', Object.entries(a.late_share.by_category || {}));
  if (cats.length > 1) charts.append(barChart(cats, (v) => pct(v, lang), { title: t(lang, 'lateByCategory') }));
  const queues = a.by_day?.queue_length || {};
  const busy = Object.fromEntries(Object.entries(queues).filter(([, xs]) => xs.some((v) => v > 0))
    .map(([id, xs]) => [a.names?.roles?.[id] || id, xs]));
  if (Object.keys(busy).length) {
    charts.append(lineChart(a.by_day.dates, busy, { title: t(lang, 'queueByDay'), format: (v) => v.toFixed(1) }));
  }
  out.append(charts);

  if (a.variants?.length) {
    out.append(h('h3', t(lang, 'variants')));
    out.append(table([t(lang, 'variant'), t(lang, 'lateShare'), t(lang, 'difference')],
      a.variants.map((v) => [v.name, pct(v.late_share.overall, lang),
        `${v.difference.late_share_overall >= 0 ? '+' : '−'}${pct(Math.abs(v.difference.late_share_overall), lang)}`])));
  }
  if (a.warnings?.length) {
    const ul = h('ul', null, 'warnings');
    for (const d of a.warnings) ul.append(h('li', `${t(lang, 'line', { l: d.line })}: ${d.message}`));
    out.append(ul);
  }
  const details = h('details');
  details.append(h('summary', t(lang, 'textReport')), h('pre', a.report_text, 'test-preview'));
  out.append(details);
}

// ---- audit ---------------------------------------------------------------------------------------------------------

export function setUpAudit(page, editor, available) {
  $('audit-unavailable').hidden = available;
  $('audit-form').hidden = !available;
  if (!available) return;
  for (const [input, label] of [['audit-file', 'audit-file-name'], ['audit-map', 'audit-map-name']]) {
    $(input).addEventListener('change', () => {
      const f = $(input).files[0];
      const name = $(label);
      name.textContent = f ? f.name : t(page.lang, 'noFile');
      name.dataset.chosen = f ? 'true' : '';
    });
  }
  $('audit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('audit-file').files[0];
    const out = $('audit-result');
    if (!file) { out.textContent = t(page.lang, 'chooseLog'); return; }
    out.textContent = '';
    out.append(h('p', t(page.lang, 'running'), 'muted'));
    out.dataset.state = 'running';
    try {
      const body = { text: editor.value, name: page.name || 'playground.yaml', lang: page.lang,
        log_name: safeName(file.name) };
      // A workbook is bytes: it travels in base64; every other log as text.
      if (/\.xlsx$/i.test(file.name)) body.log_base64 = base64(await file.arrayBuffer());
      else body.log = await file.text();
      const map = $('audit-map').files[0];
      if (map) { body.map = await map.text(); body.map_name = safeName(map.name); }
      const answer = await api.audit(body);
      out.textContent = '';
      showAudit(out, answer, page.lang);
      out.dataset.state = 'done';
    } catch (err) {
      out.textContent = '';
      out.append(errorBox(err, page.lang));
      out.dataset.state = 'error';
    }
  });
}

/// A violation kind in the interface language (the id itself when the page has no name for it).
function kindName(kind, lang) {
  const name = t(lang, `kind_${kind}`);
  return name === `kind_${kind}` ? kind : name;
}

/// Bytes as base64, in chunks (a spread of a whole workbook would overflow the call stack).
function base64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/// The server takes plain names only (letters, digits, . _ -).
function safeName(name) {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '');
  return clean || 'log.csv';
}

function showAudit(out, a, lang) {
  const s = a.summary;
  const chips = h('div', null, 'chips');
  for (const [key, value] of [['cases', s.cases], ['eventsCount', s.events], ['violatingCases', s.violating_cases],
    ['violations', s.violations], ['rejectedRows', s.rejected_rows]]) {
    const chip = h('span', null, `chip${key === 'violatingCases' && value > 0 ? ' bad' : ''}`);
    chip.append(h('b', String(value)), ` ${t(lang, key, { n: value })}`);
    chips.append(chip);
  }
  out.append(chips);
  const kinds = Object.entries(s.by_kind || {});
  if (kinds.length) {
    const max = Math.max(...kinds.map(([, v]) => v));
    out.append(barChart(kinds.map(([k, v]) => [kindName(k, lang), v]), (v) => String(v), { max, title: t(lang, 'byKind') }));
  }
  if (a.violations.length) {
    out.append(h('h3', t(lang, 'violationsTitle')));
    if (a.violations_total > a.violations_shown) {
      out.append(h('p', t(lang, 'shownOf', { n: a.violations_shown, m: a.violations_total }), 'muted small'));
    }
    const rows = a.violations.slice(0, 500).map((v) => [v.case, v.step ?? '—', v.clause ? t(lang, 'clause', { c: v.clause }) : '—',
      kindName(v.kind, lang),
      v.due ? shortLocal(v.due) : '—', v.actual ? shortLocal(v.actual) : '—',
      v.late_by_working_minutes != null ? minutes(v.late_by_working_minutes, lang) : '—']);
    const tbl = table([t(lang, 'colCase'), t(lang, 'colStep'), t(lang, 'colClause'), t(lang, 'colKind'), t(lang, 'colDue'),
      t(lang, 'colActual'), t(lang, 'colLateWorking')], rows, 'deadline-table violations');
    const wrap = h('div', null, 'table-scroll');
    wrap.append(tbl);
    out.append(wrap);
  } else {
    out.append(h('p', t(lang, 'noViolations'), 'ok-box'));
  }
  if (a.rejected.length) {
    out.append(h('h3', t(lang, 'rejectedTitle')));
    const ul = h('ul', null, 'rejected');
    for (const r of a.rejected.slice(0, 50)) ul.append(h('li', `${r.file}:${r.line}: ${r.reason}`));
    out.append(ul);
  }
  if (a.by_department.length) {
    out.append(h('h3', t(lang, 'byDepartment')));
    out.append(table([t(lang, 'department'), t(lang, 'casesHeader'), t(lang, 'onTime')],
      a.by_department.map((d) => [d.department, String(d.cases), pct(d.on_time_share, lang)])));
  }
}

// ---- versions ------------------------------------------------------------------------------------------------------

export function setUpDiff(page, editor, available, regulations) {
  $('diff-unavailable').hidden = available;
  $('diff-form').hidden = !available;
  if (!available) return;
  const select = $('diff-old');
  for (const r of regulations) {
    const o = document.createElement('option');
    o.value = r.name;
    o.textContent = r.name;
    select.append(o);
  }
  const sync = () => { $('diff-old-text').hidden = select.value !== ''; };
  select.addEventListener('change', sync);
  sync();
  $('diff-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = $('diff-result');
    out.textContent = '';
    out.append(h('p', t(page.lang, 'running'), 'muted'));
    const old = select.value ? { regulation: select.value } : { text: $('diff-old-text').value, name: 'old.yaml' };
    try {
      const answer = await api.diff({ old, new: { text: editor.value, name: page.name || 'playground.yaml' }, lang: page.lang });
      out.textContent = '';
      showDiff(out, answer, page.lang);
    } catch (err) {
      out.textContent = '';
      out.append(errorBox(err, page.lang));
    }
  });
}

/// The old version defaults to the shipped file the text came from.
export function resetDiff(page) {
  const select = $('diff-old');
  if (page.name && [...select.options].some((o) => o.value === page.name)) select.value = page.name;
  $('diff-old-text').hidden = select.value !== '';
  $('diff-result').textContent = '';
}

function showDiff(out, a, lang) {
  const s = a.summary;
  out.append(h('p', a.changed ? t(lang, 'diffSummary', { c: s.changes, m: s.moved_deadlines, a: s.findings_appeared,
    d: s.findings_disappeared }) : t(lang, 'diffSame'), a.changed ? '' : 'ok-box'));
  if (a.changes.length) {
    const ul = h('ul', null, 'changes');
    for (const c of a.changes) {
      const li = h('li');
      li.append(h('b', `${t(lang, `change_${c.kind}`)} `), h('code', `${c.section}.${c.id}`), ` ${c.name}`);
      if (c.clauses.length) li.append(h('span', ` (${t(lang, 'clause', { c: c.clauses.join(', ') })})`, 'muted'));
      if (c.fields.length) {
        const f = h('ul');
        for (const x of c.fields) f.append(h('li', `${x.field}: ${x.old ?? '—'} → ${x.new ?? '—'}`));
        li.append(f);
      }
      ul.append(li);
    }
    out.append(ul);
  }
  if (a.deadline_moves.length) {
    out.append(h('h3', t(lang, 'movedDeadlines')));
    out.append(table([t(lang, 'colStep'), t(lang, 'category'), t(lang, 'moved')],
      a.deadline_moves.map((g) => [`${g.id} — ${g.name}`, g.category_names.join(' + ') || '—', `${g.moved} / ${g.of}`])));
  }
  const f = a.findings;
  if (f.appeared.length || f.disappeared.length) {
    out.append(h('h3', t(lang, 'findingsChanged')));
    const ul = h('ul');
    for (const d of f.appeared) ul.append(h('li', `+ ${d.file}:${d.line}: ${d.message} [${d.id}]`, 'sev-' + d.severity));
    for (const d of f.disappeared) ul.append(h('li', `− ${d.file}:${d.line}: ${d.message} [${d.id}]`));
    out.append(ul);
  }
  const details = h('details');
  details.append(h('summary', t(lang, 'textReport')), h('pre', a.report_text, 'test-preview'));
  out.append(details);
}
