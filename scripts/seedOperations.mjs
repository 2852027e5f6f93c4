// Parses the operation sections of one seed file (everything before "Types Reference")
// into [{ name, method, path, pathParams, query, body, response, file }], each parameter
// { name, base|ref|literals, array, required, payload? }.
//
// A section is regular: the operation's name alone on a line (the table of contents at
// the top lists them all), a description, one or more curl examples (`curl -X METHOD "URL"`),
// `Response: Type`, `Parameters`, then up to three groups (`Path Parameters:`,
// `Query Parameters:`, `Request Body:`), each a run of `name(type) (required): description`
// items written without separators. A description therefore runs straight into the next
// item's name (`...to the queryfilter_values(object)`); the name is recovered as the
// longest suffix of that run that is a field name the seed uses elsewhere (an example's
// JSON keys or query string, or a field of the Types Reference), else the trailing
// snake_case word.

const TYPE_CELL = String.raw`(?:\[\])?[A-Za-z][A-Za-z0-9]*|`;
const ITEM = new RegExp(String.raw`([A-Za-z_][A-Za-z0-9_]*)\((${TYPE_CELL})\)( \(required\))?`, 'g');

const SCALAR = { string: 'string', bool: 'boolean', int: 'number', float: 'number', number: 'number' };

function paramType(cell) {
  const array = cell.startsWith('[]');
  const inner = array ? cell.slice(2) : cell;
  if (inner === '') return { base: 'any', array, payload: true };
  if (SCALAR[inner]) return { base: SCALAR[inner], array };
  if (inner === 'object') return { base: 'record', array };
  if (/^[A-Z]/.test(inner)) return { ref: inner, array };
  throw new Error(`unsupported parameter type ${cell}`);
}

/** Field names the seed text uses outside the parameter lists. */
export function knownNames(text) {
  const names = new Set();
  for (const m of text.matchAll(/"([A-Za-z_][A-Za-z0-9_]*)":/g)) names.add(m[1]);
  for (const m of text.matchAll(/[?&]([A-Za-z_][A-Za-z0-9_]*)=/g)) names.add(m[1]);
  for (const m of text.matchAll(/^\| ([A-Za-z_][A-Za-z0-9_]*) \|/gm)) names.add(m[1]);
  return names;
}

// Run-on words the rule above splits wrongly or cannot split (the name is not used
// elsewhere in the seed, or a shorter field name is): checked by hand against the seeds.
const RUN_ON = {
  inviteadd_filter_tags: 'add_filter_tags',
  inviteremove_filter_tags: 'remove_filter_tags',
  channelremove_members: 'remove_members',
  parameterssort_values: 'sort_values',
  fromhide_history: 'hide_history',
  membershide_history_before: 'hide_history_before',
  updatedreject_invite: 'reject_invite',
  lengthmessage_retention: 'message_retention',
};

/** Run-on names no rule could split; the generator refuses to run while there are any. */
export const unresolved = [];

/** Split one group's run of items into parameters. */
function parseItems(run, known, where) {
  const items = [];
  let prevEnd = 0;
  let prevHadText = false;
  for (const m of run.matchAll(ITEM)) {
    let name = m[1];
    const gap = run.slice(prevEnd, m.index);
    if (items.length > 0 || gap.length > 0) {
      // The text between the previous item and this match: `: description` plus the part
      // of the name the regexp could not tell from it.
      const joined = gap + name;
      if (prevHadText || gap.length > 0) {
        const word = /[A-Za-z0-9_]+$/.exec(joined)?.[0] ?? name;
        let best = RUN_ON[word];
        if (!best) for (let i = 0; i < word.length; i++) {
          const suffix = word.slice(i);
          if (/^[A-Za-z_]/.test(suffix) && known.has(suffix)) {
            best = suffix;
            break;
          }
        }
        if (!best) unresolved.push(`${where}: ${word}`);
        else if (best !== word && process.env.SEED_OPS_DEBUG) console.error(`${where}: ${word} -> ${best}`);
        name = best ?? word;
      }
    }
    if (!name) throw new Error(`${where}: cannot read a parameter name near ${JSON.stringify(m[0])}`);
    items.push({ name, ...paramType(m[2]), required: Boolean(m[3]) });
    prevEnd = m.index + m[0].length;
    prevHadText = false;
    // A description follows when the next characters are `: `.
    if (run.startsWith(': ', prevEnd)) prevHadText = true;
  }
  return items;
}

const GROUPS = { 'Path Parameters:': 'pathParams', 'Query Parameters:': 'query', 'Request Body:': 'body' };

/** Parse the operations of one seed file. */
export function parseSeedOperations(text, file = 'seed') {
  const lines = text.split(/\r?\n/);
  const typesAt = lines.findIndex((l) => l.trim() === 'Types Reference');
  const toc = new Set();
  for (const l of lines.slice(0, 200)) {
    const m = /^- ([A-Za-z][A-Za-z0-9]*)$/.exec(l.trim());
    if (m && m[1] !== 'Types') toc.add(m[1]);
  }
  const known = knownNames(text);
  const ops = [];
  let op;
  const tocEnd = lines.findIndex((l) => l.trim() === '- Types Reference');
  for (let i = tocEnd + 1; i < typesAt; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (toc.has(trimmed)) {
      op = { name: trimmed, file, method: '', path: '', pathParams: [], query: [], body: [], response: '' };
      ops.push(op);
      continue;
    }
    if (!op) continue;
    const curl = /curl -X ([A-Z]+) "https?:\/\/[^/]+(\/[^"?]*)/.exec(line);
    if (curl && !op.method) {
      op.method = curl[1];
      op.path = curl[2];
    }
    const resp = /Response: ([A-Za-z0-9]+)\s*$/.exec(line);
    if (resp) op.response = resp[1];
    if (GROUPS[trimmed]) {
      op[GROUPS[trimmed]] = parseItems(lines[i + 1] ?? '', known, `${file}:${op.name}`);
      i++;
    }
  }
  for (const o of ops) {
    if (!o.method || !o.path) throw new Error(`${file}:${o.name}: no curl example to read the method and path from`);
    if (!o.response) throw new Error(`${file}:${o.name}: no response type`);
  }
  const missing = [...toc].filter((n) => !ops.some((o) => o.name === n));
  if (missing.length) throw new Error(`${file}: operations listed but not found: ${missing.join(', ')}`);
  return ops;
}
