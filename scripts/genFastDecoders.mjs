// Renders src/models/generated/fastDecoders.ts and policy.ts (see genModels.mjs).
//
// A fast decoder is the generic decoder of decode.ts specialised to one model: straight
// property reads (`w.created_at`) instead of a walk over the input's keys through a table.
// It must give exactly the generic decoder's value, or give up (return undefined) so that
// the generic decoder runs; src/models/fastRuntime.ts states that contract. Generated at
// build time, not compiled at run time, because apps run under a CSP without eval.
import { EXTRA_FIELDS, FAST_MODELS, REQUIRED_BY_STORE } from './decodePolicy.mjs';

/** Fast models rendered as one walk over the input's keys (see renderSwitchModel). */
const SWITCH_MODELS = ['WSEvent', 'MessageResponse'];

const ELEMENT_CHECK = { n: 'numberElement', b: 'booleanElement', t: 'timestampElement', o: 'mapElement', a: 'undefined' };

function parseCode(raw) {
  const required = raw.endsWith('!');
  const code = required ? raw.slice(0, -1) : raw;
  const isArray = code.endsWith('[]');
  const base = isArray ? code.slice(0, -2) : code;
  const empty = !required ? undefined : isArray ? 'array' : base === 'o' ? 'map' : undefined;
  return { isArray, base: base.startsWith('u:') ? 'u' : base, empty };
}

function prop(name) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The runtime helpers the rendered decoders call, so that only those are imported. */
const used = new Set();

const isModel = (base) => !['s', 'n', 'b', 't', 'o', 'a', 'u'].includes(base);
const fastName = (model) => `fast${model}`;

/**
 * Statements that check the defined value `x` of field `f` and write its decoded value over
 * the copy `o`. A null `x` fails every check here (null means absent: the caller decides).
 */
function checkValue(f, spec, fast) {
  const o = `o${prop(f)}`;
  const { base, isArray } = spec;
  if (isArray) {
    const lines = ['if (!Array.isArray(x)) return undefined;'];
    if (isModel(base)) {
      const decoder = fast.has(base) ? fastName(base) : 'undefined';
      lines.push(`${o} = modelArray(x, '${base}', ${decoder}, c, d + 1);`);
      return lines;
    }
    const check = base === 'u' ? 'unionElement' : ELEMENT_CHECK[base];
    if (base === 's') used.add('stringArray');
    else used.add('scalarArray');
    if (check && check !== 'undefined') used.add(check);
    const call = base === 's' ? 'stringArray(x, c)' : `scalarArray(x, ${check}, c)`;
    lines.push(`y = ${call};`, 'if (y === undefined) return undefined;', `${o} = y;`);
    return lines;
  }
  switch (base) {
    case 's':
      return ["if (typeof x !== 'string' || x.length > c.maxString) return undefined;"];
    case 'u':
      return ["if (typeof x !== 'string') return undefined;"];
    case 'n':
      return ["if (typeof x !== 'number' || x - x !== 0) return undefined;"];
    case 'b':
      return ["if (typeof x !== 'boolean') return undefined;"];
    case 't':
      used.add('epochMs');
      return ['y = epochMs(x);', 'if (y === undefined) return undefined;', `${o} = y;`];
    case 'o':
      return ["if (x === null || typeof x !== 'object' || Array.isArray(x)) return undefined;", 'if (c.freeze) deepFreeze(x);'];
    case 'a':
      return ['if (x === null) return undefined;', 'if (c.freeze) deepFreeze(x);'];
    default:
      return [
        'if (x === null) return undefined;',
        fast.has(base) ? `${o} = ${fastName(base)}(x, c, d + 1) ?? c.slow('${base}', x, d + 1);` : `${o} = c.slow('${base}', x, d + 1);`,
      ];
  }
}

/** The empty value of a required collection field, as rendered code. */
function emptyValueOf(spec) {
  return spec.empty === 'array' ? '(c.freeze ? FROZEN_EMPTY_ARRAY : [])' : '(c.freeze ? FROZEN_EMPTY_MAP : {})';
}

// How every fast decoder starts: the depth bound, a plain input object, and the object the
// decoded values go into (the input itself when decoding in place and it can take writes).
const PREAMBLE = [
  '  if (d > c.maxDepth) return undefined;',
  '  const w = wireObject(v);',
  '  if (w === undefined) return undefined;',
  '  const o: Record<string, unknown> = c.inPlace && Object.isExtensible(w) ? w : copyOf(w);',
];

/**
 * The statements for a defined value `x` of field `f`: null means absent, so a collection
 * becomes its empty in place and any other null field fails its check, a doubt (the generic
 * decoder then builds the object without the key); anything else is checked and decoded.
 */
function definedValue(f, spec, fast) {
  const check = checkValue(f, spec, fast).map((l) => `  ${l}`);
  if (!spec.empty) return check;
  return [`  if (x === null) o${prop(f)} = ${emptyValueOf(spec)};`, '  else {', ...check.map((l) => `  ${l}`), '  }'];
}

function renderModel(name, codes, fast) {
  const store = new Set(REQUIRED_BY_STORE[name] ?? []);
  const fields = Object.entries(codes);
  const body = [];
  for (const [f, raw] of fields) {
    const spec = parseCode(raw);
    body.push(`x = w${prop(f)};`);
    // Missing: a required collection becomes its empty (appended after the input's keys,
    // in schema order, as the generic decoder appends it); a field the store needs is a doubt.
    if (store.has(f)) body.push('if (x === undefined) return undefined;', '{');
    else if (spec.empty) body.push(`if (x === undefined) {`, `  o${prop(f)} = ${emptyValueOf(spec)};`, '  e++;', '} else {');
    else body.push('if (x !== undefined) {');
    body.push('  n++;', ...definedValue(f, spec, fast), '}');
  }
  const needsY = body.some((l) => /\by = /.test(l));
  const hasEmpty = body.some((l) => l.includes('e++'));
  return [
    `const known${name}: ReadonlySet<string> = new Set(${JSON.stringify(fields.map(([f]) => f))});`,
    '',
    `function ${fastName(name)}(v: unknown, c: FastContext, d: number): Record<string, unknown> | undefined {`,
    ...PREAMBLE,
    '  let n = 0;',
    ...(hasEmpty ? ['  let e = 0;'] : []),
    '  let x: unknown;',
    ...(needsY ? ['  let y: unknown;'] : []),
    ...body.map((l) => `  ${l}`),
    `  if (!onlyKnownKeys(o, ${hasEmpty ? 'n + e' : 'n'}) && !settleExtras(o, known${name}, ${hasEmpty ? 'n + e' : 'n'}, c)) return undefined;`,
    '  return c.freeze ? Object.freeze(o) : o;',
    '}',
    '',
  ];
}

/**
 * The same decoder as renderModel, walking the input's own keys with one `switch` instead of
 * reading every known field by name: for models whose instances carry few of many fields
 * and come in many shapes (WSEvent: 41 fields, a handful per event type), where reads by
 * name are lookups of absent keys through megamorphic inline caches. Keys are visited once,
 * so unknown keys are settled in the same walk and no key count is needed. A known key
 * holding undefined is a doubt (the generic decoder reads it as absent). decode.ts only
 * runs a fast decoder when Object.prototype has no enumerable key, so `for...in` sees the
 * input's own enumerable keys, which is what the generic decoder walks too.
 */
function renderSwitchModel(name, codes, fast) {
  const store = new Set(REQUIRED_BY_STORE[name] ?? []);
  const fields = Object.entries(codes);
  const flags = [];
  const cases = [];
  const after = [];
  for (const [f, raw] of fields) {
    const spec = parseCode(raw);
    const flag = store.has(f) || spec.empty ? `has${flags.length}` : undefined;
    if (flag) flags.push(flag);
    cases.push(`case ${JSON.stringify(f)}: {`, '  if (x === undefined) return undefined;');
    if (flag) cases.push(`  ${flag} = true;`);
    cases.push(...definedValue(f, spec, fast), '  break;', '}');
    // Missing after the walk: a field the store needs is a doubt; a required collection
    // becomes its empty, appended after the input's keys in schema order (as the generic
    // decoder appends it).
    if (store.has(f)) after.push(`if (!${flag}) return undefined;`);
    else if (spec.empty) after.push(`if (!${flag}) o${prop(f)} = ${emptyValueOf(spec)};`);
  }
  const needsY = cases.some((l) => /\by = /.test(l));
  return [
    `function ${fastName(name)}(v: unknown, c: FastContext, d: number): Record<string, unknown> | undefined {`,
    ...PREAMBLE,
    '  let x: unknown;',
    ...(needsY ? ['  let y: unknown;'] : []),
    ...(flags.length ? [`  let ${flags.map((f) => `${f} = false`).join(', ')};`] : []),
    '  for (const k in w) {',
    '    x = w[k];',
    '    switch (k) {',
    ...cases.map((l) => `      ${l}`),
    '      default:',
    "        if (k === '__proto__') return undefined;",
    '        if (c.freeze) deepFreeze(x);',
    '    }',
    '  }',
    ...after.map((l) => `  ${l}`),
    '  return c.freeze ? Object.freeze(o) : o;',
    '}',
    '',
  ];
}

/** The fields a decoder checks: the seed's, then the policy's extras. */
export function decoderFields(name, schemaCodes) {
  return { ...schemaCodes, ...EXTRA_FIELDS[name] };
}

export function renderFastDecoders(header, schema) {
  const fast = new Set(FAST_MODELS);
  used.clear();
  used.add('copyOf').add('modelArray').add('onlyKnownKeys').add('settleExtras').add('wireObject');
  const models = [];
  for (const name of FAST_MODELS) {
    if (!schema[name]) throw new Error(`fast model ${name} is not in the seeds`);
    const render = SWITCH_MODELS.includes(name) ? renderSwitchModel : renderModel;
    models.push(...render(name, decoderFields(name, schema[name]), fast));
  }
  const out = [
    header,
    "import type { ModelName } from './types.ts';",
    "import { deepFreeze, FROZEN_EMPTY_ARRAY, FROZEN_EMPTY_MAP } from '../freeze.ts';",
    "import { parseRfc3339 } from '../timestamp.ts';",
    'import {',
    ...[...used].sort().map((h) => `  ${h},`),
    '  type FastContext,',
    '  type FastDecoder,',
    "} from '../fastRuntime.ts';",
    '',
    ...models,
  ];
  out.push('/** The fast decoder of each hot model (see fastRuntime.ts for the contract). */');
  out.push('export const fastDecoders: Partial<Record<ModelName, FastDecoder>> = {');
  for (const name of FAST_MODELS) out.push(`  ${name}: ${fastName(name)},`);
  out.push('};', '');
  return out.join('\n');
}

export function renderPolicy(header) {
  return [
    header,
    "import type { ModelName } from './types.ts';",
    '',
    '/** Fields the store relies on, checked even where the service may omit other required ones. */',
    `export const requiredByStore: Partial<Record<ModelName, readonly string[]>> = ${JSON.stringify(REQUIRED_BY_STORE, null, 2)};`,
    '',
    "/** Fields events carry on the wire (PROTOCOL.md section 6) beyond the seed's, as field codes. */",
    `export const extraFields: Partial<Record<ModelName, Readonly<Record<string, string>>>> = ${JSON.stringify(EXTRA_FIELDS, null, 2)};`,
    '',
  ].join('\n');
}
