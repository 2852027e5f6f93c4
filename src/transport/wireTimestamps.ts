// Requests carry RFC 3339 strings (PROTOCOL.md section 4) while the library holds epoch
// milliseconds. The field codes of the generated schema say which fields are timestamps,
// so request models are encoded by walking that schema; endpoint bodies (which have no
// generated type) describe their own fields in the same alphabet.
import { modelSchema } from '../models/generated/schema.ts';
import type { ModelName } from '../models/generated/types.ts';
import { toRfc3339 } from '../models/timestamp.ts';

/** Field name -> schema code (`t` timestamp, a model name, `X[]` arrays; others pass). */
export type BodySpec = Readonly<Record<string, string>>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function encodeValue(code: string, value: unknown): unknown {
  const bare = code.endsWith('!') ? code.slice(0, -1) : code;
  if (bare.endsWith('[]')) {
    const one = bare.slice(0, -2);
    return Array.isArray(value) ? value.map((v) => encodeValue(one, v)) : value;
  }
  if (bare === 't') return typeof value === 'number' && Number.isFinite(value) ? toRfc3339(value) : value;
  if (Object.prototype.hasOwnProperty.call(modelSchema, bare)) {
    return encodeFields(modelSchema[bare as ModelName], value);
  }
  return value;
}

function encodeFields(spec: BodySpec, value: unknown): unknown {
  if (!isRecord(value)) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, code] of Object.entries(spec)) {
    const v = value[key];
    if (v === undefined || v === null) continue;
    const encoded = encodeValue(code, v);
    if (encoded !== v) {
      // Copy on first change only: the caller's object is never mutated.
      out ??= { ...value };
      out[key] = encoded;
    }
  }
  return out ?? value;
}

/** A request body with its epoch-ms timestamps turned into RFC 3339 strings. */
export function encodeBody<T>(spec: BodySpec, body: T): T {
  return encodeFields(spec, body) as T;
}
