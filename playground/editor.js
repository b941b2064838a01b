// A code editor without libraries: a textarea over a highlighted copy of its text, a gutter of line numbers, and
// diagnostics drawn at their lines (a marker in the gutter, a wavy line under the text, the message after it).

const escapeHTML = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

/// YAML of one line as HTML spans: comments, keys, list dashes, quoted strings, numbers, dates and times, booleans.
export function highlightLine(line) {
  let code = line, comment = '';
  // A # starts a comment at line start or after a space, outside quotes.
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) { code = line.slice(0, i); comment = line.slice(i); break; }
  }
  let html = '';
  const m = code.match(/^(\s*)(- )?([^\s'"#][^:#]*?|"[^"]*"|'[^']*')(:)(\s|$)(.*)$/);
  let rest = code, prefix = '';
  if (m) {
    prefix = escapeHTML(m[1]) + (m[2] ? '<span class="y-dash">- </span>' : '') +
      `<span class="y-key">${escapeHTML(m[3])}</span><span class="y-punct">:</span>${escapeHTML(m[5])}`;
    rest = m[6];
  } else {
    const d = code.match(/^(\s*)(- )(.*)$/);
    if (d) { prefix = escapeHTML(d[1]) + '<span class="y-dash">- </span>'; rest = d[3]; }
  }
  html = prefix + highlightValue(rest);
  if (comment) html += `<span class="y-comment">${escapeHTML(comment)}</span>`;
  return html;
}

function highlightValue(v) {
  if (!v) return '';
  const trimmed = v.trim();
  if (/^(".*"|'.*')$/.test(trimmed)) return `<span class="y-string">${escapeHTML(v)}</span>`;
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:]+([+-]\d{2}:\d{2}|Z)?)?$/.test(trimmed)) return `<span class="y-date">${escapeHTML(v)}</span>`;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return `<span class="y-number">${escapeHTML(v)}</span>`;
  if (/^(true|false|null|~)$/.test(trimmed)) return `<span class="y-bool">${escapeHTML(v)}</span>`;
  if (/^[>|][-+]?$/.test(trimmed)) return `<span class="y-punct">${escapeHTML(v)}</span>`;
  if (/^[\[{]/.test(trimmed)) return `<span class="y-flow">${escapeHTML(v)}</span>`;
  return `<span class="y-text">${escapeHTML(v)}</span>`;
}

export class Editor {
  constructor({ textarea, highlight, gutter, onChange }) {
    this.textarea = textarea;
    this.highlight = highlight;
    this.gutter = gutter;
    this.onChange = onChange;
    this.diagnostics = [];
    textarea.addEventListener('input', () => { this.render(); this.onChange?.(this.value); });
    textarea.addEventListener('scroll', () => this.syncScroll());
    textarea.addEventListener('keydown', (e) => {
      // Tab inserts two spaces (YAML forbids tab indentation).
      if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        const { selectionStart: s, selectionEnd: end } = textarea;
        textarea.setRangeText('  ', s, end, 'end');
        textarea.dispatchEvent(new Event('input'));
      }
    });
    this.render();
  }

  get value() { return this.textarea.value; }

  set value(text) {
    this.textarea.value = text;
    this.render();
  }

  /// Diagnostics of the current text: [{line, column, severity, id, message}].
  setDiagnostics(list) {
    this.diagnostics = list;
    this.render();
  }

  render() {
    const lines = this.textarea.value.split('\n');
    const byLine = new Map();
    for (const d of this.diagnostics) {
      if (!byLine.has(d.line)) byLine.set(d.line, []);
      byLine.get(d.line).push(d);
    }
    const rank = { error: 3, warning: 2, note: 1 };
    let code = '', gutter = '';
    lines.forEach((line, i) => {
      const n = i + 1;
      const ds = byLine.get(n) || [];
      const worst = ds.reduce((w, d) => (rank[d.severity] > (rank[w] || 0) ? d.severity : w), null);
      const cls = worst ? ` diag diag-${worst}` : '';
      const inline = ds.length
        ? `<span class="inline-diag inline-${worst}">  ◂ ${escapeHTML(ds.map((d) => `${d.message} [${d.id}]`).join(' · '))}</span>`
        : '';
      code += `<span class="line${cls}" data-line="${n}">${highlightLine(line) || ' '}${inline}</span>\n`;
      const title = ds.map((d) => `${d.severity}: ${d.message} [${d.id}]`).join('\n');
      gutter += worst
        ? `<div class="ln marker marker-${worst}" data-line="${n}" data-severity="${worst}" title="${escapeHTML(title)}">${n}</div>`
        : `<div class="ln" data-line="${n}">${n}</div>`;
    });
    // Diagnostics past the last line (an unexpected end of file) mark the last line.
    this.highlight.innerHTML = code;
    this.gutter.innerHTML = gutter;
    this.syncScroll();
  }

  syncScroll() {
    this.highlight.scrollTop = this.textarea.scrollTop;
    this.highlight.scrollLeft = this.textarea.scrollLeft;
    this.gutter.scrollTop = this.textarea.scrollTop;
  }

  /// Puts the cursor at the start of a line and scrolls it into view.
  goToLine(line) {
    const lines = this.textarea.value.split('\n');
    let pos = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
    this.textarea.focus();
    this.textarea.setSelectionRange(pos, pos);
    const lineHeight = parseFloat(getComputedStyle(this.textarea).lineHeight) || 18;
    this.textarea.scrollTop = Math.max(0, (line - 5) * lineHeight);
    this.syncScroll();
  }
}
