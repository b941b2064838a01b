// "Save this incident as an embedded test": the `tests:` entry for an incident and its computed deadlines, and the
// regulation text with that entry added at the end of its `tests:` section (made when there is none).

const quote = (s) => (/^[\p{L}\p{N} _.,()«»—-]+$/u.test(s) && !/^[-\d]/.test(s) && !s.includes(': ') ? s : JSON.stringify(s));

/// incident: {detected, categories: [ids], kind, events: [{step, at}]}; deadlines: the answer's deadlines.
export function testEntry(name, incident, deadlines, indent = '  ') {
  const lines = [`${indent}- name: ${quote(name)}`, `${indent}  detected: ${incident.detected}`];
  const cats = incident.categories || [];
  if (cats.length === 1) lines.push(`${indent}  category: ${quote(cats[0])}`);
  if (cats.length > 1) lines.push(`${indent}  category: [${cats.map(quote).join(', ')}]`);
  if (incident.kind) lines.push(`${indent}  kind: ${quote(incident.kind)}`);
  const events = (incident.events || []).filter((e) => e.step && e.at);
  if (events.length) {
    lines.push(`${indent}  events:`);
    for (const e of events) lines.push(`${indent}    ${e.step}: ${e.at}`);
  }
  // Tests check steps and limits (duties such as reports cannot be named in `expect:`).
  const expected = deadlines.filter((d) => d.due && (d.entity === 'step' || d.entity === 'limit'));
  lines.push(`${indent}  expect:`);
  for (const d of expected) lines.push(`${indent}    ${d.step}: ${d.due}`);
  return lines.join('\n');
}

/// Inserts the entry (made with a two-space indent) after the last item of the top-level `tests:` list, at that list's
/// indentation, or appends a `tests:` section.
export function addTest(text, entry) {
  const lines = text.replace(/\s+$/, '').split('\n');
  const start = lines.findIndex((l) => /^tests:\s*(#.*)?$/.test(l));
  if (start < 0) return `${lines.join('\n')}\n\ntests:\n${entry}\n`;
  let end = start + 1, indent = null;
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i];
    if (l.trim() === '' || /^#/.test(l)) continue;
    if (/^\S/.test(l) && !/^- /.test(l)) break;
    if (indent === null) indent = /^(\s*)- /.exec(l)?.[1] ?? '  ';
    end = i + 1;
  }
  const shifted = entry.split('\n').map((l) => (indent ?? '  ') + l.replace(/^ {2}/, '')).join('\n');
  lines.splice(end, 0, shifted);
  return `${lines.join('\n')}\n`;
}
