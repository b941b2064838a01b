// The playground: edit a regulation and see at once where it is wrong, when each deadline falls and why.
import { api, APIError } from './api.js';
import { Editor } from './editor.js';
import { applyTexts, t } from './i18n.js';
import { drawTimeline, shortLocal } from './timeline.js';
import { decodeState, encodeState } from './share.js';
import { addTest, testEntry } from './testentry.js';
import { mergeSnippet } from './sections.js';
import { setUpSimulation, setUpAudit } from './panels.js';

const $ = (id) => document.getElementById(id);
const CHECK_DELAY_MS = 300;

const page = {
  lang: 'ru',
  name: '',            // the shipped regulation the text came from ('' for pasted text)
  tab: 'deadlines',
  outline: null,       // categories, kinds, steps of the last text without errors
  health: null,
  lastDeadlines: null, // the last answer of /api/deadlines
  lastIncident: null,
  checkSeq: 0,
  checkAbort: null,
};

const editor = new Editor({
  textarea: $('source'), highlight: $('highlight'), gutter: $('gutter'),
  onChange: () => scheduleCheck(),
});

// ---- checking as you type: debounced; an answer to an older text is dropped --------------------------------------

let checkTimer = null;
function scheduleCheck() {
  clearTimeout(checkTimer);
  setStatus('checking', t(page.lang, 'checking'));
  checkTimer = setTimeout(runCheck, CHECK_DELAY_MS);
}

async function runCheck() {
  const seq = ++page.checkSeq;
  page.checkAbort?.abort();
  const abort = new AbortController();
  page.checkAbort = abort;
  const text = editor.value;
  setStatus('checking', t(page.lang, 'checking'));
  try {
    const answer = await api.check({ text, name: labelName(), lang: page.lang, outline: true }, abort.signal);
    if (seq !== page.checkSeq) return; // a newer text is being checked
    showDiagnostics(answer);
    if (answer.outline) setOutline(answer.outline);
  } catch (e) {
    if (seq !== page.checkSeq || e.name === 'AbortError') return;
    if (e instanceof APIError) {
      showDiagnostics({ diagnostics: e.diagnostics, summary: { errors: 1, warnings: 0, notes: 0 }, tests: { passed: 0, failed: 0 } });
      setStatus('errors', e.message);
    } else {
      setStatus('offline', t(page.lang, 'offline'));
    }
  }
}

function labelName() { return page.name || 'playground.yaml'; }

function setStatus(state, text) {
  const s = $('check-status');
  s.dataset.state = state;
  s.dataset.seq = String(page.checkSeq);
  s.textContent = text;
}

function showDiagnostics(answer) {
  const mine = (answer.diagnostics || []).filter((d) => !d.file || d.file === labelName() || d.file.endsWith('/' + labelName()));
  editor.setDiagnostics(mine);
  const { errors, warnings, notes } = answer.summary;
  const tests = answer.tests || { passed: 0, failed: 0 };
  const summary = errors + warnings + notes === 0 ? t(page.lang, 'ok') : t(page.lang, 'errors', { e: errors, w: warnings, n: notes });
  const testText = tests.passed + tests.failed > 0 ? ' · ' + t(page.lang, 'tests', { p: tests.passed, f: tests.failed }) : '';
  setStatus(errors > 0 ? 'errors' : 'ok', summary + testText);
  const list = $('diag-list');
  list.textContent = '';
  for (const d of mine) {
    const li = document.createElement('li');
    li.className = `diag-item sev-${d.severity}`;
    li.dataset.line = d.line;
    li.dataset.id = d.id;
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = t(page.lang, 'line', { l: d.line });
    const msg = document.createElement('span');
    msg.textContent = ` ${d.message} `;
    const id = document.createElement('code');
    id.textContent = d.id;
    li.append(where, msg, id);
    if (d.hint) { const h = document.createElement('div'); h.className = 'hint'; h.textContent = d.hint; li.append(h); }
    li.addEventListener('click', () => editor.goToLine(d.line));
    list.append(li);
  }
}

// ---- the incident form -------------------------------------------------------------------------------------------

function option(value, text, selected) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  if (selected) o.selected = true;
  return o;
}

function setOutline(outline) {
  const incident = readIncident();
  page.outline = outline;
  fillIncidentForm(incident);
}

function fillIncidentForm(incident) {
  const outline = page.outline || { categories: [], kinds: [], steps: [] };
  const cat = $('category');
  cat.textContent = '';
  cat.append(option('', t(page.lang, 'defaultCategory')));
  for (const c of outline.categories.filter((c) => !c.overlay)) {
    cat.append(option(c.id, c.name, (incident.categories || []).includes(c.id)));
  }
  const overlays = $('overlays');
  for (const e of overlays.querySelectorAll('label')) e.remove();
  const overlayList = outline.categories.filter((c) => c.overlay);
  overlays.hidden = overlayList.length === 0;
  for (const c of overlayList) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = c.id;
    box.checked = (incident.categories || []).includes(c.id);
    label.append(box, ` ${c.name}`);
    overlays.append(label);
  }
  const kind = $('kind');
  kind.textContent = '';
  kind.append(option('', t(page.lang, 'anyKind')));
  for (const k of outline.kinds) kind.append(option(k.id, k.name, incident.kind === k.id));
  if (incident.detected) $('detected').value = incident.detected;
  $('event-rows').textContent = '';
  for (const e of incident.events || []) addEventRow(e);
}

function addEventRow(event = { step: '', at: '' }) {
  const row = document.createElement('div');
  row.className = 'event-row';
  const step = document.createElement('select');
  step.className = 'event-step';
  for (const s of page.outline?.steps || []) step.append(option(s.id, `${s.id} — ${s.name}`, s.id === event.step));
  if (event.step && ![...step.options].some((o) => o.value === event.step)) step.append(option(event.step, event.step, true));
  const at = document.createElement('input');
  at.type = 'datetime-local';
  at.step = 60;
  at.className = 'event-at';
  at.value = event.at || $('detected').value;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = t(page.lang, 'remove');
  remove.addEventListener('click', () => row.remove());
  row.append(step, at, remove);
  $('event-rows').append(row);
}

function readIncident() {
  const categories = [];
  if ($('category').value) categories.push($('category').value);
  for (const box of $('overlays').querySelectorAll('input:checked')) categories.push(box.value);
  const events = [...document.querySelectorAll('.event-row')].map((r) => ({
    step: r.querySelector('.event-step').value, at: r.querySelector('.event-at').value,
  })).filter((e) => e.step && e.at);
  return { detected: $('detected').value, categories, kind: $('kind').value || null, events };
}

async function computeDeadlines() {
  const incident = readIncident();
  $('deadline-error').hidden = true;
  try {
    const answer = await api.deadlines({
      text: editor.value, name: labelName(), lang: page.lang, detected: incident.detected,
      category: incident.categories, kind: incident.kind || undefined, events: incident.events, explain: true,
    });
    page.lastDeadlines = answer;
    page.lastIncident = incident;
    showDeadlines(answer);
  } catch (e) {
    page.lastDeadlines = null;
    $('timeline').textContent = '';
    $('deadline-table').hidden = true;
    $('save-test').hidden = true;
    const box = $('deadline-error');
    box.hidden = false;
    box.textContent = e.id === 'regulation-has-errors' ? t(page.lang, 'fixErrorsFirst') : e.message;
    box.dataset.id = e.id || '';
  }
}

function showDeadlines(answer) {
  drawTimeline($('timeline'), answer, page.lang);
  const body = $('deadline-table').querySelector('tbody');
  body.textContent = '';
  for (const d of answer.deadlines) {
    const tr = document.createElement('tr');
    tr.dataset.step = d.step;
    const cells = [
      `${d.step}`,
      d.clause ? t(page.lang, 'clause', { c: d.clause }) : '—',
      d.due ? shortLocal(d.due) : t(page.lang, 'noDue'),
    ];
    for (const [i, c] of cells.entries()) {
      const td = document.createElement('td');
      td.textContent = c;
      if (i === 0) { const small = document.createElement('div'); small.className = 'muted small'; small.textContent = d.name; td.append(small); }
      if (i === 2 && d.due) td.title = d.due;
      tr.append(td);
    }
    const why = document.createElement('td');
    why.className = 'why';
    const ul = document.createElement('ul');
    for (const line of d.explanation || []) { const li = document.createElement('li'); li.textContent = line; ul.append(li); }
    if (d.remark) { const li = document.createElement('li'); li.textContent = d.remark; ul.append(li); }
    why.append(ul);
    tr.append(why);
    body.append(tr);
  }
  $('deadline-table').hidden = false;
  $('save-test').hidden = false;
  if (!$('test-name').value) $('test-name').value = `${answer.category || 'incident'} ${shortLocal(answer.detected)}`;
  $('test-preview').textContent = testEntry($('test-name').value, page.lastIncident, answer.deadlines);
}

function saveTest() {
  if (!page.lastDeadlines) return;
  const entry = testEntry($('test-name').value, page.lastIncident, page.lastDeadlines.deadlines);
  editor.value = addTest(editor.value, entry);
  scheduleCheck();
  $('test-preview').textContent = `${t(page.lang, 'testSaved')}\n\n${entry}`;
}

// ---- regulations, language, tabs -------------------------------------------------------------------------------

async function openRegulation(name) {
  const answer = await api.regulation(name);
  page.name = name;
  $('regulation-select').value = name;
  editor.value = answer.text;
  page.lastDeadlines = null;
  $('timeline').textContent = '';
  $('deadline-table').hidden = true;
  $('save-test').hidden = true;
  await runCheck();
}

function setLanguage(lang) {
  page.lang = lang;
  applyTexts(lang);
  for (const b of document.querySelectorAll('.lang-switch button')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  if (page.health) $('versions').textContent = t(lang, 'versions', { app: page.health.version, lang: page.health.language_version });
  if (!$('share-box').hidden) $('share-note').textContent = t(lang, 'shareMade', { v: page.health?.language_version ?? 1 });
  const incident = readIncident();
  fillIncidentForm(incident);
  if (editor.value) runCheck();
  if (page.lastDeadlines) computeDeadlines();
}

function showTab(tab) {
  page.tab = tab;
  for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  for (const p of document.querySelectorAll('.tab-panel')) p.hidden = p.id !== `panel-${tab}`;
}

// ---- share link and print view ---------------------------------------------------------------------------------

function currentState() {
  return { lang: page.lang, name: page.name, text: editor.value, incident: readIncident(), tab: page.tab,
    computed: Boolean(page.lastDeadlines) };
}

async function share() {
  const fragment = await encodeState(currentState(), {
    languageVersion: page.health?.language_version ?? 1, appVersion: page.health?.version ?? '',
  });
  const url = `${location.origin}${location.pathname}#${fragment}`;
  history.replaceState(null, '', url);
  $('share-box').hidden = false;
  $('share-link').value = url;
  $('share-note').textContent = t(page.lang, 'shareMade', { v: page.health?.language_version ?? 1 });
  try { await navigator.clipboard.writeText(url); $('share-note').textContent += ` · ${t(page.lang, 'shareCopied')}`; } catch { /* no clipboard */ }
}

async function restore(fragment) {
  const decoded = await decodeState(fragment).catch(() => null);
  if (!decoded) return false;
  const { state, languageVersion } = decoded;
  if (page.health && languageVersion && String(languageVersion) !== String(page.health.language_version)) {
    const w = $('version-warning');
    w.hidden = false;
    w.textContent = t(state.lang || page.lang, 'versionMismatch', { link: languageVersion, server: page.health.language_version });
  }
  page.name = state.name || '';
  $('regulation-select').value = page.name;
  editor.value = state.text || '';
  setLanguage(state.lang === 'en' ? 'en' : 'ru');
  await runCheck();
  fillIncidentForm(state.incident || {});
  showTab(state.tab || 'deadlines');
  if (state.computed) await computeDeadlines();
  return true;
}

function printView() {
  const view = $('print-view');
  view.textContent = '';
  const h = (tag, text, cls) => { const e = document.createElement(tag); e.textContent = text; if (cls) e.className = cls; return e; };
  const bar = document.createElement('div');
  bar.className = 'print-bar no-print';
  const back = h('button', '←');
  back.addEventListener('click', () => document.body.classList.remove('print-mode'));
  const print = h('button', t(page.lang, 'printNow'));
  print.addEventListener('click', () => window.print());
  bar.append(back, print);
  view.append(bar, h('h1', t(page.lang, 'printTitle')));
  const title = page.outline?.act?.title || page.name || labelName();
  view.append(h('p', title, 'act-title'));
  if (page.lastDeadlines) {
    const a = page.lastDeadlines;
    view.append(h('h2', t(page.lang, 'printIncident')));
    view.append(h('p', `${t(page.lang, 'detected')}: ${a.detected} (${a.time_zone})${a.category ? ' · ' + t(page.lang, 'category') + ': ' + a.category : ''}`));
    const table = document.createElement('table');
    table.className = 'print-table';
    const head = document.createElement('tr');
    for (const k of ['colStep', 'colClause', 'colDue', 'colWhy']) head.append(h('th', t(page.lang, k)));
    table.append(head);
    for (const d of a.deadlines) {
      const tr = document.createElement('tr');
      tr.append(h('td', `${d.step} — ${d.name}`), h('td', d.clause ?? '—'), h('td', d.due ?? t(page.lang, 'noDue')),
        h('td', (d.explanation || []).join('\n')));
      table.append(tr);
    }
    view.append(table);
  }
  view.append(h('h2', t(page.lang, 'regulation')));
  const pre = document.createElement('pre');
  pre.className = 'print-source';
  pre.textContent = editor.value.split('\n').map((l, i) => `${String(i + 1).padStart(4)}  ${l}`).join('\n');
  view.append(pre);
  view.append(h('p', t(page.lang, 'printMade', { app: page.health?.version ?? '', lang: page.health?.language_version ?? 1,
    date: new Date().toISOString().slice(0, 10) }), 'muted'));
  document.body.classList.add('print-mode');
}

// ---- start -----------------------------------------------------------------------------------------------------

async function start() {
  const params = new URLSearchParams(location.search);
  const asked = params.get('lang');
  page.lang = asked === 'ru' || asked === 'en' ? asked : (navigator.language || '').startsWith('en') ? 'en' : 'ru';
  applyTexts(page.lang);
  $('regulation-select').addEventListener('change', (e) => {
    if (e.target.value) openRegulation(e.target.value); else { page.name = ''; scheduleCheck(); }
  });
  for (const b of document.querySelectorAll('.lang-switch button')) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
  $('incident-form').addEventListener('submit', (e) => { e.preventDefault(); computeDeadlines(); });
  $('add-event').addEventListener('click', () => addEventRow());
  $('save-test').addEventListener('submit', (e) => { e.preventDefault(); saveTest(); });
  $('test-name').addEventListener('input', () => {
    if (page.lastDeadlines) $('test-preview').textContent = testEntry($('test-name').value, page.lastIncident, page.lastDeadlines.deadlines);
  });
  $('share-button').addEventListener('click', share);
  $('print-button').addEventListener('click', printView);
  showTab('deadlines');
  try {
    page.health = await api.health();
    const list = await api.regulations();
    for (const r of list.regulations) $('regulation-select').append(option(r.name, r.title ? `${r.name} — ${r.title.slice(0, 60)}` : r.name));
    setUpSimulation(page, editor, page.health.features.simulate);
    setUpAudit(page, editor, page.health.features.audit);
  } catch {
    setStatus('offline', t(page.lang, 'offline'));
  }
  setLanguage(page.lang);
  if (!(await restore(location.hash))) {
    const wanted = params.get('regulation') || params.get('base');
    const first = $('regulation-select').options[1]?.value;
    if (params.get('text')) { editor.value = params.get('text'); await runCheck(); }
    else if (wanted || first) await openRegulation(wanted || first).catch(() => openRegulation(first));
    if (params.get('snippet')) {
      // An example from the docs, in context: its sections replace the regulation's.
      editor.value = mergeSnippet(editor.value, params.get('snippet'));
      page.name = '';
      $('regulation-select').value = '';
      await runCheck();
    }
    $('detected').value = $('detected').value || '2026-04-30T15:00';
  }
  document.body.dataset.ready = 'true';
}

start();
