// Small helpers shared by the per-domain API files.
import { decodeModel, type DecodeResult } from '../models/decode.ts';
import type { ModelName, ModelTypes } from '../models/generated/types.ts';
import type { CallOptions } from './apiTypes.ts';

/**
 * The decoder of one response model, for HttpRequest.decode. Responses come back frozen
 * (built frozen, see DecodeOptions.freeze): most of them end up in the store, which keeps
 * everything frozen, and freezing while decoding is the cheap way there. The body is the
 * one the HTTP client just parsed and holds nowhere else, so it is decoded in place
 * (DecodeOptions.inPlace): no copies, and freezing parsed objects is ~10x cheaper than
 * freezing copies of them.
 */
export function decoder<N extends ModelName>(name: N): (json: unknown) => DecodeResult<ModelTypes[N]> {
  return (json) => decodeModel(name, json, { freeze: true, inPlace: true });
}

/** One path segment, escaped (ids may hold `:` `/` or spaces). */
export function seg(value: string): string {
  return encodeURIComponent(value);
}

/** The signal of the call options, spread into a request (exactOptionalPropertyTypes). */
export function signalOf(options: CallOptions | undefined): { signal?: AbortSignal } {
  return options?.signal ? { signal: options.signal } : {};
}

/** JSON-encoded query parameter (`payload`, `sort`), as the service expects them. */
export function jsonParam(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}
