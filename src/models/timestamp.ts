// Timestamps on the wire (PROTOCOL.md section 4): the service sends RFC 3339 strings with
// milli-, micro- or nanosecond precision and any offset; the seeds type them as numbers
// (epoch milliseconds). The store holds epoch milliseconds everywhere.

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Parse an RFC 3339 date-time (`2024-05-01T10:20:30.123456789+02:00`) to epoch
 * milliseconds, truncating precision below a millisecond. Returns `undefined` when the
 * text is not a valid RFC 3339 date-time (wrong shape, month 13, 30 February, ...).
 */
export function parseRfc3339(s: string): number | undefined {
  // Shortest form: 2024-05-01T10:20:30Z (20 chars). Bound the length so a huge string
  // costs nothing.
  if (s.length < 20 || s.length > 40) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  const second = digits(s, 17, 2);
  const t = s[10];
  if (s[4] !== '-' || s[7] !== '-' || s[13] !== ':' || s[16] !== ':') return undefined;
  if (t !== 'T' && t !== 't' && t !== ' ') return undefined;
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > (month === 2 && !isLeap(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0))) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;

  let i = 19;
  let ms = 0;
  if (s[i] === '.') {
    i++;
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    const frac = i - start;
    if (frac === 0 || frac > 9) return undefined;
    // Milliseconds from the first three fractional digits, padded: ".5" is 500 ms.
    ms = digits(`${s.slice(start, Math.min(start + 3, i))}00`.slice(0, 3), 0, 3);
  }
  let offsetMinutes = 0;
  const z = s[i];
  if (z === 'Z' || z === 'z') {
    i++;
  } else if (z === '+' || z === '-') {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (s[i + 3] !== ':' || oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offsetMinutes = (oh * 60 + om) * (z === '+' ? 1 : -1);
    i += 6;
  } else {
    return undefined;
  }
  if (i !== s.length) return undefined;
  // A leap second (:60) is folded onto the next second, as Date does.
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC maps years 0-99 to 1900-1999; set the full year explicitly for those.
  const fixed = year < 100 ? new Date(utc).setUTCFullYear(year) : utc;
  return fixed - offsetMinutes * 60_000;
}

/**
 * A wire timestamp (RFC 3339 string, or a number of epoch milliseconds) as epoch
 * milliseconds; `undefined` when the value is neither a valid date-time string nor a
 * finite number.
 */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return parseRfc3339(value);
  return undefined;
}

/** Epoch milliseconds as the RFC 3339 string requests carry (UTC, millisecond precision). */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
