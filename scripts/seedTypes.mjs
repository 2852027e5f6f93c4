// Parses the "Types Reference" section of one seed file into
// [{ name, fields: [{ name, base|ref|literals, array, required, note? }] }].
//
// The section is regular: a type name alone on a line, an optional description line,
// `// Name`, a JSON example ending in `}Properties:`, then a markdown table
// `| Property | Type | Required | Description |`. Two quirks are handled:
// - string-literal unions (`'a' | 'b'`) were written into the Type cell unescaped, so their
//   `|` split the row; the quoted cells are the union, and the Required cell may be lost
//   (then the field is optional and says so);
// - `''''` is the empty string literal.

const SCALARS = new Set(['string', 'number', 'boolean']);

function parseTypeCell(text) {
  const t = text.trim();
  const array = t.endsWith('[]');
  const inner = array ? t.slice(0, -2).trim() : t;
  if (SCALARS.has(inner)) return { base: inner, array };
  if (/^Record<string,\s*any>$/.test(inner)) return { base: 'record', array };
  if (inner === 'any' || inner === 'object') return { base: inner === 'any' ? 'any' : 'record', array };
  if (/^[A-Z][A-Za-z0-9]*$/.test(inner)) return { ref: inner, array };
  throw new Error(`unsupported type cell: ${JSON.stringify(text)}`);
}

function literalOf(cell) {
  const c = cell.trim();
  if (c === "''''") return '';
  const m = /^'([^']*)'$/.exec(c);
  return m ? m[1] : null;
}

function parseRow(line, where) {
  let body = line.trim();
  if (!body.startsWith('|')) throw new Error(`${where}: not a table row: ${line}`);
  body = body.slice(1);
  if (body.endsWith('|')) body = body.slice(0, -1);
  const cells = body.split('|').map((c) => c.trim());
  const name = cells[0];
  if (!name) throw new Error(`${where}: row without a property name`);
  if (literalOf(cells[1] ?? '') !== null) {
    const literals = [];
    let i = 1;
    while (i < cells.length && literalOf(cells[i]) !== null) literals.push(literalOf(cells[i++]));
    const req = cells[i];
    if (req === 'Yes' || req === 'No') return { name, literals, required: req === 'Yes' };
    return { name, literals, required: false, note: 'required flag not given by the seed' };
  }
  const type = parseTypeCell(cells[1] ?? '');
  const req = cells[2];
  if (req !== 'Yes' && req !== 'No') throw new Error(`${where}.${name}: bad Required cell ${req}`);
  return { name, ...type, required: req === 'Yes' };
}

/** Parse one seed file's Types Reference section. */
export function parseSeedTypes(text, file = 'seed') {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === 'Types Reference');
  if (start < 0) throw new Error(`${file}: no Types Reference section`);
  const types = [];
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^\/\/ ([A-Z][A-Za-z0-9]*)\s*$/.exec(lines[i]);
    if (!m) continue;
    const name = m[1];
    const fields = [];
    // Skip the JSON example to its `Properties:` marker (or to the next type if none).
    let j = i + 1;
    while (j < lines.length && !/Properties:\s*$/.test(lines[j]) && !/^\/\/ [A-Z]/.test(lines[j])) j++;
    if (j < lines.length && /Properties:\s*$/.test(lines[j])) {
      j++;
      while (j < lines.length && lines[j].startsWith('|')) {
        const row = lines[j];
        j++;
        if (/^\|\s*Property\s*\|/.test(row) || /^\|\s*-/.test(row)) continue;
        fields.push(parseRow(row, `${file}:${name}`));
      }
    }
    types.push({ name, fields, file });
    i = j - 1;
  }
  return types;
}

// Referenced by the seeds without a definition; known to be string enums on the wire.
const ENUM_REFS = new Set(['ChannelOwnCapability']);

function sameType(a, b) {
  return (
    a.base === b.base &&
    a.ref === b.ref &&
    a.array === b.array &&
    JSON.stringify(a.literals) === JSON.stringify(b.literals)
  );
}

/**
 * Merge the definitions of all files by name. A type defined in several files gets the
 * union of their fields; a field is required only where every definition has it required.
 * Fields come sorted: required first, then by name, so the output is stable.
 */
export function mergeSeedTypes(seeds) {
  const byName = new Map();
  for (const { file, types } of seeds) {
    for (const t of types) {
      const entry = byName.get(t.name) ?? { name: t.name, defs: [] };
      entry.defs.push({ file, fields: t.fields });
      byName.set(t.name, entry);
    }
  }
  const known = new Set(byName.keys());
  const merged = [];
  for (const { name, defs } of [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const fields = new Map();
    for (const def of defs) {
      for (const f of def.fields) {
        const prev = fields.get(f.name);
        if (!prev) {
          fields.set(f.name, { ...f, seenIn: 1 });
          continue;
        }
        prev.seenIn++;
        prev.required = prev.required && f.required;
        if (!sameType(prev, f)) prev.note = `differs between seeds; ${defs[0].file} kept`;
      }
    }
    const list = [...fields.values()].map((f) => {
      const out = { ...f, required: f.required && f.seenIn === defs.length };
      delete out.seenIn;
      if (out.ref && ENUM_REFS.has(out.ref)) {
        out.note = `${out.ref}: a string enum the seeds name but do not list`;
        delete out.ref;
        out.base = 'string';
      } else if (out.ref && !known.has(out.ref)) {
        out.note = `${out.ref} is not defined by the seeds`;
        delete out.ref;
        out.base = 'any';
      }
      return out;
    });
    list.sort((a, b) => (a.required !== b.required ? (a.required ? -1 : 1) : a.name < b.name ? -1 : 1));
    const files = [...new Set(defs.map((d) => d.file))];
    const differs =
      defs.length > 1 &&
      new Set(defs.map((d) => JSON.stringify(d.fields.map((f) => f.name).sort()))).size > 1;
    merged.push({
      name,
      fields: list,
      sources: files,
      mergedNote: differs ? 'Defined differently in both seeds: this is the union of their fields.' : undefined,
    });
  }
  return merged;
}

// Timestamp fields are typed `number` by the seeds but sent as RFC 3339 strings by the
// service; the decoders turn both into epoch milliseconds (PROTOCOL.md section 4).
const TIMESTAMP_NAMES = new Set([
  'expires',
  'last_active',
  'last_read',
  'pin_expires',
  'ban_expires',
  'hide_messages_before',
  'disabled_until',
  'messages_since',
  'messages_until',
  'revoke_tokens_issued_before',
  'created_at_before',
  'created_at_before_or_equal',
  'created_at_after',
  'created_at_after_or_equal',
  'created_at_around',
  'Time',
]);

export function isTimestampField(f) {
  if (f.base !== 'number') return false;
  return f.name.endsWith('_at') || TIMESTAMP_NAMES.has(f.name);
}
