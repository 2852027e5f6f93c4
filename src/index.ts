// The core entry point: named exports only (ARCHITECTURE.md, "One entry barrel").
export { DecodeError, decodeJson, decodeModel } from './models/decode.ts';
export type { DecodeOptions, DecodeResult } from './models/decode.ts';
export { decodeEvent } from './models/events.ts';
export type { ChatEvent } from './models/events.ts';
export { parseRfc3339, toEpochMs, toRfc3339 } from './models/timestamp.ts';
export type * from './models/generated/types.ts';
