// The smallest state types, shared by the state modules (state.ts and those beside it) so
// none of them imports another in a circle.

/** What the store keeps of a failed request (plain data, so it freezes and serialises). */
export interface StoredError {
  code: number;
  status: number;
  message: string;
  endpoint: string;
  retryable: boolean;
}

/** A field as it was before an operation: `null` when the copy did not have it. */
export type FieldBefore = { v: unknown } | null;
