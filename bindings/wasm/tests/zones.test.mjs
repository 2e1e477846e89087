// Time zones come from the host (Intl) in the default build: the transitions js/zones.js reads
// must be those of the compiled database (tests/vectors/zones.json, checked against chrono-tz by
// crates/kesher/tests/zones.rs), and calendars on those zones must answer by them.
import test from "node:test";
import assert from "node:assert/strict";
import { kesher, vectors, throwsKesher } from "./helpers.mjs";
import { zoneTransitions } from "../js/zones.js";

const FROM = 0; // 1970
const UNTIL = Date.UTC(2040, 0, 1) / 1000;
const ZONES = vectors("zones");

/** The offset in force at `secs` by a vector's transitions. */
function offsetAt(v, secs) {
  let offset = v.offset_1970;
  for (const [t, o] of v.transitions) if (t <= secs) offset = o;
  return offset;
}

for (const v of ZONES) {
  test(`host zone ${v.zone}: the database's transitions 1970–2040`, () => {
    const table = zoneTransitions(v.zone);
    assert.ok(table instanceof Float64Array, `Intl does not know ${v.zone}`);
    const got = [];
    let offset = table[0];
    for (let i = 1; i < table.length; i += 2) {
      if (table[i] <= FROM) offset = table[i + 1];
      else if (table[i] < UNTIL) got.push([table[i], table[i + 1]]);
    }
    assert.equal(offset, v.offset_1970);
    assert.deepEqual(got, v.transitions);
  });

  test(`host zone ${v.zone}: a 09:00–17:00 calendar opens at 09:00 local on both sides of each transition`, () => {
    const day = [["09:00", "17:00"]];
    const week = Object.fromEntries(["sun", "mon", "tue", "wed", "thu", "fri", "sat"].map((d) => [d, day]));
    const cal = new kesher.Calendar({ tz: v.zone, week });
    for (const [t] of v.transitions.slice(0, 40)) {
      for (const at of [t - 43200, t + 43200]) {
        const open = cal.nextOpen(new Date(at * 1000)).getTime() / 1000;
        const offset = offsetAt(v, open);
        const wall = new Date((open + offset) * 1000);
        const clock = wall.toISOString().slice(11, 19);
        const why = `${v.zone} after ${new Date(at * 1000).toISOString()}: ${clock}`;
        if (open === at) assert.ok(clock >= "09:00:00" && clock < "17:00:00", why); // open already
        else assert.equal(clock, "09:00:00", why);
        assert.ok(open >= at && open - at < 2 * 86400, why);
      }
    }
  });
}

test("host zones refuse names Intl only accepts loosely, and unknown ones", () => {
  assert.equal(zoneTransitions("asia/jerusalem"), undefined);
  assert.equal(zoneTransitions("Mars/Olympus"), undefined);
  const week = { mon: [["09:00", "17:00"]] };
  throwsKesher(assert, () => new kesher.Calendar({ tz: "asia/jerusalem", week }), "invalid_calendar", "tz");
  throwsKesher(assert, () => new kesher.Calendar({ tz: "Mars/Olympus", week }), "invalid_calendar", "tz");
  assert.equal(new kesher.Calendar({ tz: "UTC", week }).nextOpen("2025-01-06T08:00:00Z").toISOString(), "2025-01-06T09:00:00.000Z");
});

test("host zones read the same through the longOffset style and through the wall time's parts", () => {
  // The fast reading (the zone's offset as text) and the one for engines without that style
  // (the wall time's parts) give the same table, to the second, for zones with second offsets
  // (Dublin's 1916 -00:25:21), half and quarter hours, and double summer time.
  for (const zone of ["Europe/Dublin", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Eucla", "Europe/London", "America/St_Johns", "Pacific/Apia", "UTC"]) {
    assert.deepEqual(Array.from(zoneTransitions(zone)), Array.from(zoneTransitions(zone, "parts")), zone);
  }
});
