// The simulation and log-audit panels: shown when the server serves /api/simulate and /api/audit.
import { api } from './api.js';

const $ = (id) => document.getElementById(id);

export function setUpSimulation(page, editor, available) {
  $('simulate-unavailable').hidden = available;
  $('simulate-form').hidden = !available;
  if (!available) return;
  $('simulate-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = $('simulate-result');
    out.textContent = '…';
    try {
      const answer = await api.simulate({
        text: editor.value, name: page.name || 'playground.yaml', lang: page.lang,
        per_day: Number($('sim-rate').value), days: Number($('sim-days').value),
        runs: Number($('sim-runs').value), seed: Number($('sim-seed').value),
      });
      out.textContent = '';
      out.append(barChart(Object.entries(answer.late_share?.by_step || {}), (v) => `${(v * 100).toFixed(1)}%`));
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify(answer, null, 2);
      out.append(pre);
    } catch (err) {
      out.textContent = err.message;
    }
  });
}

export function setUpAudit(page, editor, available) {
  $('audit-unavailable').hidden = available;
  $('audit-form').hidden = !available;
  if (!available) return;
  $('audit-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('audit-file').files[0];
    const out = $('audit-result');
    if (!file) return;
    out.textContent = '…';
    try {
      const answer = await api.audit({ text: editor.value, name: page.name || 'playground.yaml', lang: page.lang,
        log: await file.text(), log_name: file.name });
      out.textContent = '';
      const table = document.createElement('table');
      table.className = 'deadline-table';
      for (const v of answer.violations || []) {
        const tr = document.createElement('tr');
        for (const c of [v.case, v.step, v.clause ?? '—', v.kind, v.due ?? '', v.actual ?? '']) {
          const td = document.createElement('td');
          td.textContent = c;
          tr.append(td);
        }
        table.append(tr);
      }
      const summary = document.createElement('p');
      summary.textContent = JSON.stringify(answer.summary);
      out.append(summary, table);
    } catch (err) {
      out.textContent = err.message;
    }
  });
}

/// A horizontal bar chart in SVG: [label, value in 0…1].
export function barChart(rows, format) {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  const w = 480, h = 22 * rows.length + 10;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('width', w);
  svg.setAttribute('class', 'chart');
  rows.forEach(([label, value], i) => {
    const y = 5 + i * 22;
    const text = document.createElementNS(NS, 'text');
    text.setAttribute('x', 0); text.setAttribute('y', y + 14); text.textContent = label;
    const rect = document.createElementNS(NS, 'rect');
    rect.setAttribute('x', 160); rect.setAttribute('y', y + 3); rect.setAttribute('height', 14);
    rect.setAttribute('width', Math.max(1, 260 * Math.min(1, value))); rect.setAttribute('class', 'bar');
    const v = document.createElementNS(NS, 'text');
    v.setAttribute('x', 425); v.setAttribute('y', y + 14); v.textContent = format(value);
    svg.append(text, rect, v);
  });
  return svg;
}
