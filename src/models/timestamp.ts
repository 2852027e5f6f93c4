// Timestamps on the wire (PROTOCOL.md section 4): the service sends RFC 3339 strings with
// milli-, micro- or nanosecond precision and any offset; the seeds type them as numbers
// (epoch milliseconds). The store holds epoch milliseconds everywhere.

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Character codes the parser compares against (it reads codes, never one-char strings).
const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const ZERO = 48;
const NINE = 57;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (the calendar of Date
 * and of RFC 3339), for any year 0-9999. Plain arithmetic: cheaper than Date.UTC, and
 * without its mapping of years 0-99 onto 1900-1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  // Count from 1 March so that the leap day is the last day of its year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** A digit's value from a character code; anything else is out of 0-9 (NaN for no char). */
function digit(s: string, i: number): number {
  return s.charCodeAt(i) - ZERO;
}

function isDigit(d: number): boolean {
  return d >= 0 && d <= 9;
}

// The last valid date seen and its day number: the timestamps of one response mostly fall
// on a few days, so the calendar arithmetic usually runs once per day, not per timestamp.
let lastDate = -1;
let lastDays = 0;

/**
 * Parse an RFC 3339 date-time (`2024-05-01T10:20:30.123456789+02:00`) to epoch
 * milliseconds, keeping microseconds as the fraction (digits below are dropped). The
 * service writes microseconds, and two messages sent within one millisecond are ordered by
 * them: truncated, the store would order them by id where the server orders them by time
 * (found by the soak of issue 21, sends flushed after a reconnect beside other users'). Returns `undefined` when the
 * text is not a valid RFC 3339 date-time (wrong shape, month 13, 30 February, ...).
 */
export function parseRfc3339(s: string): number | undefined {
  // Shortest form: 2024-05-01T10:20:30Z (20 chars). Bound the length so a huge string
  // costs nothing.
  const length = s.length;
  if (length < 20 || length > 40) return undefined;
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH || s.charCodeAt(13) !== COLON || s.charCodeAt(16) !== COLON) {
    return undefined;
  }
  const t = s.charCodeAt(10);
  // 'T', 't' or a space separate date and time.
  if (t !== 84 && t !== 116 && t !== 32) return undefined;
  // The fixed digits read straight, each checked: cheaper than a loop per field.
  const y0 = digit(s, 0);
  const y1 = digit(s, 1);
  const y2 = digit(s, 2);
  const y3 = digit(s, 3);
  const mo0 = digit(s, 5);
  const mo1 = digit(s, 6);
  const d0 = digit(s, 8);
  const d1 = digit(s, 9);
  const h0 = digit(s, 11);
  const h1 = digit(s, 12);
  const mi0 = digit(s, 14);
  const mi1 = digit(s, 15);
  const s0 = digit(s, 17);
  const s1 = digit(s, 18);
  if (
    !isDigit(y0) || !isDigit(y1) || !isDigit(y2) || !isDigit(y3) || !isDigit(mo0) || !isDigit(mo1) || !isDigit(d0) ||
    !isDigit(d1) || !isDigit(h0) || !isDigit(h1) || !isDigit(mi0) || !isDigit(mi1) || !isDigit(s0) || !isDigit(s1)
  ) {
    return undefined;
  }
  const hour = h0 * 10 + h1;
  const minute = mi0 * 10 + mi1;
  const second = s0 * 10 + s1;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const year = ((y0 * 10 + y1) * 10 + y2) * 10 + y3;
  const month = mo0 * 10 + mo1;
  const day = d0 * 10 + d1;
  const date = (year * 100 + month) * 100 + day;
  let days = lastDays;
  if (date !== lastDate) {
    if (month < 1 || month > 12 || day < 1) return undefined;
    if (day > (month === 2 && !isLeap(year) ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0))) return undefined;
    days = daysFromCivil(year, month, day);
    lastDate = date;
    lastDays = days;
  }

  let i = 19;
  // Microseconds into the second, from the first six fractional digits: ".5" is 500,000.
  let us = 0;
  let c = s.charCodeAt(i);
  if (c === DOT) {
    i++;
    const start = i;
    c = s.charCodeAt(i);
    while (c >= ZERO && c <= NINE) {
      if (i - start < 6) us = us * 10 + (c - ZERO);
      c = s.charCodeAt(++i);
    }
    const frac = i - start;
    if (frac === 0 || frac > 9) return undefined;
    for (let k = frac; k < 6; k++) us *= 10;
  }
  let offsetMinutes = 0;
  // 'Z' or 'z' for UTC, else a numeric offset.
  if (c === 90 || c === 122) {
    i++;
  } else if (c === PLUS || c === DASH) {
    const oh = digits(s, i + 1, 2);
    const om = digits(s, i + 4, 2);
    if (s.charCodeAt(i + 3) !== COLON || oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offsetMinutes = (oh * 60 + om) * (c === PLUS ? 1 : -1);
    i += 6;
  } else {
    return undefined;
  }
  if (i !== length) return undefined;
  // A leap second (:60) is folded onto the next second, as Date does.
  const seconds = ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60 + second;
  // Whole milliseconds plus the microseconds as a fraction: epoch ms below 2^53 / 1000 keep
  // every microsecond exactly enough to order by, and the fraction is 0 for ms-precision text.
  const rest = us % 1000;
  return seconds * 1000 + (us - rest) / 1000 + (rest === 0 ? 0 : rest / 1000);
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

/**
 * Epoch milliseconds as the RFC 3339 string requests carry (UTC): millisecond precision, or
 * microseconds when the value has a fraction (a time the server gave, sent back as a cursor).
 */
export function toRfc3339(ms: number): string {
  const whole = Math.floor(ms);
  const iso = new Date(whole).toISOString();
  if (whole === ms) return iso;
  const micros = Math.round((ms - whole) * 1000);
  return micros === 0 ? iso : `${iso.slice(0, 23)}${String(Math.min(micros, 999)).padStart(3, '0')}Z`;
}
