// Top-level sections of a regulation's YAML: replace the sections a snippet names (an example from docs/LANGUAGE.md)
// in a whole regulation, so the example opens in context.

/// [{key, lines}] — a section starts at a line `key:` in column 0; comment lines just before it belong to it.
export function splitSections(text) {
  const lines = text.replace(/\s+$/, '').split('\n');
  const sections = [];
  let current = { key: null, lines: [] };
  let pending = [];
  for (const line of lines) {
    const m = /^([A-Za-z_][\w-]*):(\s|$)/.exec(line);
    if (m) {
      sections.push(current);
      current = { key: m[1], lines: [...pending, line] };
      pending = [];
    } else if (/^#/.test(line) || line.trim() === '') {
      pending.push(line);
    } else {
      current.lines.push(...pending, line);
      pending = [];
    }
  }
  current.lines.push(...pending);
  sections.push(current);
  return sections.filter((s) => s.key !== null || s.lines.length);
}

export function mergeSnippet(base, snippet) {
  const sections = splitSections(base);
  const replacements = splitSections(snippet).filter((s) => s.key);
  for (const r of replacements) {
    const i = sections.findIndex((s) => s.key === r.key);
    if (i >= 0) sections[i] = { key: r.key, lines: [...r.lines, ''] };
    else sections.push({ key: r.key, lines: ['', ...r.lines] });
  }
  return sections.map((s) => s.lines.join('\n')).join('\n').replace(/\n{3,}/g, '\n\n').replace(/\s*$/, '\n');
}
