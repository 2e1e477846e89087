// The package's time zones come from the host: the transitions of an IANA zone read from
// `Intl.DateTimeFormat`, so the .wasm carries no time-zone database (kesher's `tzdb` feature is
// off in the default build). The Rust side (src/zones.rs) asks for a zone by name the first
// time a calendar or customer names it and builds a `kesher::Zone` from what this returns.
//
// Reading: the offset every 7 days from 1800 to 2100, each change narrowed to the second by
// bisection: the same span and the same rule as the compiled database (chrono-tz keeps
// transitions up to 2099, then the last offset). The offset is read from the zone's name in
// the `longOffset` style ("GMT+02:20:54"), or, on an engine without that style, from the wall
// time's parts. A zone costs about 30 ms the first time in Node 20 (80 ms through the parts),
// then nothing: answers are cached per name.

const WEEK = 7 * 86400;
const FROM = Date.UTC(1800, 0, 1) / 1000;
const UNTIL = Date.UTC(2100, 0, 1) / 1000;
const cache = new Map();

const LONG_OFFSET = /GMT(?:([+\-\u2212])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/;

/** The offset (seconds east of UTC) at `secs` seconds since the epoch, from a format in the
 * `longOffset` style; `undefined` when the text is not one. */
function longOffsetAt(format, secs) {
  const m = LONG_OFFSET.exec(format.format(secs * 1000));
  if (!m) return undefined;
  if (m[1] === undefined) return 0;
  const seconds = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === "+" ? seconds : -seconds;
}

/** A `longOffset` format of the zone, if this engine has the style and writes what
 * `longOffsetAt` reads. */
function longOffsetFormat(name) {
  try {
    const format = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "longOffset" });
    return longOffsetAt(format, 0) === undefined ? undefined : format;
  } catch {
    return undefined;
  }
}

/** The offset (seconds east of UTC) of `format`'s zone at `secs` seconds since the epoch. */
function offsetAt(format, secs) {
  let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, bc = false;
  for (const part of format.formatToParts(secs * 1000)) {
    switch (part.type) {
      case "year": year = Number(part.value); break;
      case "month": month = Number(part.value); break;
      case "day": day = Number(part.value); break;
      case "hour": hour = Number(part.value); break;
      case "minute": minute = Number(part.value); break;
      case "second": second = Number(part.value); break;
      case "era": bc = part.value === "BC" || part.value === "B"; break;
    }
  }
  const wall = new Date(0);
  wall.setUTCFullYear(bc ? 1 - year : year, month - 1, day);
  wall.setUTCHours(hour % 24, minute, second, 0);
  return Math.round(wall.getTime() / 1000 - secs);
}

/**
 * The transitions of an IANA zone: `[initialOffset, t1, offset1, t2, offset2, ...]` (seconds),
 * or `undefined` when the host does not know the name exactly as written.
 * @param {string} name
 * @param {"auto" | "parts"} [read] how offsets are read: `"parts"` always from the wall time's
 *   parts, as on an engine without the `longOffset` style (for tests; not cached)
 * @returns {Float64Array | undefined}
 */
export function zoneTransitions(name, read = "auto") {
  if (read === "auto" && cache.has(name)) return cache.get(name);
  let format;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name, hourCycle: "h23", era: "short",
      year: "numeric", month: "numeric", day: "numeric",
      hour: "numeric", minute: "numeric", second: "numeric",
    });
  } catch {
    cache.set(name, undefined);
    return undefined;
  }
  // Intl accepts any letter case ("asia/jerusalem"); the database, and so kesher, does not.
  const resolved = format.resolvedOptions().timeZone;
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    cache.set(name, undefined);
    return undefined;
  }
  const fast = read === "auto" ? longOffsetFormat(name) : undefined;
  const at = fast ? (secs) => longOffsetAt(fast, secs) : (secs) => offsetAt(format, secs);
  const initial = at(FROM);
  const out = [initial];
  let t = FROM, offset = initial;
  while (t < UNTIL) {
    const next = Math.min(t + WEEK, UNTIL);
    const nextOffset = at(next);
    if (nextOffset !== offset) {
      let lo = t, hi = next;
      while (hi - lo > 1) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (at(mid) === offset) lo = mid; else hi = mid;
      }
      out.push(hi, nextOffset);
      offset = nextOffset;
    }
    t = next;
  }
  const table = Float64Array.from(out);
  if (read === "auto") cache.set(name, table);
  return table;
}
