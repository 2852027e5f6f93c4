import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { propertyRuns } from '../helpers/propertyRuns.ts';
import { decodeModel, parseRfc3339, toEpochMs, toRfc3339 } from 'chatstore';

const BASE = Date.UTC(2024, 4, 1, 10, 20, 30); // 2024-05-01T10:20:30Z

describe('RFC 3339 timestamps', () => {
  it.each([
    ['2024-05-01T10:20:30Z', BASE],
    ['2024-05-01T10:20:30.123Z', BASE + 123],
    ['2024-05-01T10:20:30.5Z', BASE + 500],
    ['2024-05-01T10:20:30.123456Z', BASE + 123.456],
    ['2024-05-01T10:20:30.123456789Z', BASE + 123.456],
    ['2024-05-01T10:20:30.999999999Z', BASE + 999.999],
    ['2024-05-01T12:20:30.123+02:00', BASE + 123],
    ['2024-05-01T04:50:30-05:30', BASE],
    ['2024-05-01T10:20:30.000000+00:00', BASE],
    ['2024-05-01t10:20:30z', BASE],
    ['2024-05-01 10:20:30Z', BASE],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['1970-01-01T00:00:00Z', 0],
    ['0001-01-01T00:00:00Z', -62135596800000],
  ])('parses %s', (text, expected) => {
    expect(parseRfc3339(text)).toBe(expected);
    expect(toEpochMs(text)).toBe(expected);
  });

  it('agrees with Date.parse on millisecond forms', () => {
    for (const t of ['2023-12-31T23:59:59.999Z', '2000-02-29T12:00:00+14:00', '2099-07-04T00:00:00.001-12:00']) {
      expect(parseRfc3339(t)).toBe(Date.parse(t));
    }
  });

  it('keeps numbers as epoch milliseconds', () => {
    expect(toEpochMs(1714558830123)).toBe(1714558830123);
    expect(toEpochMs(0)).toBe(0);
    expect(toEpochMs(Number.NaN)).toBeUndefined();
    expect(toEpochMs(Number.POSITIVE_INFINITY)).toBeUndefined();
  });

  it.each([
    '2024-13-01T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-05-01T24:00:00Z',
    '2024-05-01T10:60:00Z',
    '2024-05-01T10:20:30',
    '2024-05-01T10:20:30.Z',
    '2024-05-01T10:20:30.1234567891Z',
    '2024-05-01T10:20:30+0200',
    '2024-05-01',
    'yesterday',
    '',
    `2024-05-01T10:20:30Z${' '.repeat(100)}`,
  ])('rejects %j', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });

  it('decodes every timestamp field of a model to epoch ms, whatever the input form', () => {
    const r = decodeModel('ReadStateResponse', {
      last_read: '2024-05-01T10:20:30.123456789Z',
      last_delivered_at: BASE,
      unread_messages: 2,
      user: { id: 'u1', created_at: '2024-05-01T12:20:30+02:00' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.last_read).toBe(BASE + 123.456);
    expect(r.value.last_delivered_at).toBe(BASE);
    expect(r.value.user.created_at).toBe(BASE);
  });

  it('formats requests as RFC 3339 UTC', () => {
    expect(toRfc3339(BASE + 7)).toBe('2024-05-01T10:20:30.007Z');
  });

  it('keeps microseconds both ways: a time the server gave goes back as it came', () => {
    const t = '2024-05-01T10:20:30.123456Z';
    expect(toRfc3339(parseRfc3339(t) as number)).toBe(t);
    expect(toRfc3339(parseRfc3339('2024-05-01T10:20:30.000001Z') as number)).toBe('2024-05-01T10:20:30.000001Z');
    // Two times one microsecond apart within one millisecond keep their order.
    expect((parseRfc3339('2024-05-01T10:20:30.123457Z') as number) > (parseRfc3339(t) as number)).toBe(true);
  });
});

describe('RFC 3339 edge cases', () => {
  it('reads milliseconds from one, two or three fraction digits', () => {
    expect(parseRfc3339('2024-05-01T10:20:30.05Z')).toBe(BASE + 50);
    expect(parseRfc3339('2024-05-01T10:20:30.12Z')).toBe(BASE + 120);
    expect(parseRfc3339('2024-05-01T10:20:30.007Z')).toBe(BASE + 7);
    expect(parseRfc3339('2024-05-01T10:20:30.0019Z')).toBe(BASE + 1.9);
  });

  it('agrees with Date.parse in the first century, 29 February of year 0 included', () => {
    for (const t of ['0000-02-29T00:00:00Z', '0000-03-01T12:00:00Z', '0004-02-29T23:59:59.999Z', '0099-12-31T23:59:59Z']) {
      expect(parseRfc3339(t)).toBe(Date.parse(t));
    }
  });

  it('folds a leap second onto the next second', () => {
    expect(parseRfc3339('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
  });
});

describe('parseRfc3339 on random date-times', () => {
  it('agrees with Date.parse on every valid millisecond form, one date after another', () => {
    const pad = (n: number, w: number): string => String(n).padStart(w, '0');
    const stamp = fc
      .record({
        ms: fc.integer({ min: Date.parse('0000-01-02T00:00:00Z'), max: Date.parse('9999-12-30T00:00:00Z') }),
        offset: fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
      })
      .map(({ ms, offset }) => {
        // The same instant written in the given offset.
        const local = new Date(ms + offset * 60_000);
        const sign = offset < 0 ? '-' : '+';
        const a = Math.abs(offset);
        const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}`;
        const time = `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}.${pad(local.getUTCMilliseconds(), 3)}`;
        return { text: `${date}T${time}${sign}${pad(Math.floor(a / 60), 2)}:${pad(a % 60, 2)}`, ms };
      })
      .filter(({ text }) => /^\d{4}-/.test(text));
    fc.assert(
      fc.property(fc.array(stamp, { minLength: 1, maxLength: 5 }), (stamps) => {
        for (const { text, ms } of stamps) {
          expect(parseRfc3339(text)).toBe(ms);
          expect(parseRfc3339(text)).toBe(Date.parse(text));
          // Another day of the same month that does not exist stays invalid after it.
          expect(parseRfc3339(`${text.slice(0, 8)}32${text.slice(10)}`)).toBeUndefined();
        }
      }),
      propertyRuns({ numRuns: 2000, seed: 2002 }),
    );
  });
});
