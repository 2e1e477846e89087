// The shared vectors of tests/vectors/: the same answers as the Rust and Python suites.
import { test } from "node:test";
import assert from "node:assert/strict";
import { kesher, subset, throwsKesher, vectors } from "./helpers.mjs";

/** The core's field, without the `events[i].` the JavaScript API puts in front. */
const coreField = (field) => (field ?? "").replace(/^events\[\d+\]\.?/, "") || ".";

for (const v of vectors("fold")) {
  test(`fold: ${v.name}`, () => {
    if (v.expect.case) {
      subset(assert, v.expect.case, kesher.foldCase(v.events), v.name);
    } else {
      const e = throwsKesher(assert, () => kesher.foldCase(v.events), v.expect.error.kind);
      assert.equal(coreField(e.field), v.expect.error.field ?? ".");
    }
  });
}

for (const v of vectors("events")) {
  test(`event: ${v.name}`, () => {
    if (v.expect.ok) {
      assert.equal(kesher.checkEvent(v.input), v.expect.ok);
    } else {
      const e = throwsKesher(assert, () => kesher.checkEvent(v.input), v.expect.error.kind);
      assert.equal(e.field, v.expect.error.field ?? null);
    }
  });
}

const CALENDAR = vectors("calendar");

test("every calendar vector is here", () => assert.ok(CALENDAR.length >= 34));

for (const v of CALENDAR) {
  test(`calendar protocol: ${v.name}`, () => {
    const answer = kesher.calendarEval(v.request);
    assert.equal(answer.id, v.request.id ?? null);
    if ("result" in v.expect) {
      assert.ok("result" in answer, JSON.stringify(answer));
      if (typeof v.expect.result === "number") assert.ok(Math.abs(answer.result - v.expect.result) < 1e-9);
      else assert.equal(answer.result, v.expect.result);
    } else {
      assert.equal(answer.error?.kind, v.expect.error, JSON.stringify(answer));
    }
  });
}

// The same vectors through the JavaScript API (Date has milliseconds: finer results are checked
// through the protocol above, and are exact there).
const PROTOCOL = new Set(["err_unknown_op", "err_missing_input", "err_bad_instant"]);
for (const v of CALENDAR.filter((v) => !PROTOCOL.has(v.name))) {
  test(`calendar API: ${v.name}`, () => {
    const { op, input } = v.request;
    const run = () => {
      const cal = new kesher.Calendar(v.request.calendar);
      if (op === "add") return cal.add(input.start, input.seconds);
      if (op === "elapsed") return cal.elapsed(input.start, input.end);
      if (op === "is_open") return cal.isOpen(input.at);
      if (op === "sub") return cal.sub(input.end, input.seconds);
      if (op === "add_days") return cal.addDays(input.at, input.days);
      if (op === "open_days_between") return cal.openDaysBetween(input.start, input.end);
      if (op === "previous_open") return cal.previousOpen(input.at);
      if (op === "next_close") return cal.nextClose(input.at);
      if (op === "previous_close") return cal.previousClose(input.at);
      return cal.nextOpen(input.at);
    };
    const many = {
      sub: (cal) => cal.subMany(new Float64Array([Date.parse(input.end)]), input.seconds),
      add_days: (cal) => cal.addDaysMany(new Float64Array([Date.parse(input.at)]), input.days),
      previous_open: (cal) => cal.previousOpenMany(new Float64Array([Date.parse(input.at)])),
      next_close: (cal) => cal.nextCloseMany(new Float64Array([Date.parse(input.at)])),
      previous_close: (cal) => cal.previousCloseMany(new Float64Array([Date.parse(input.at)])),
      open_days_between: (cal) =>
        cal.openDaysBetweenMany(new Float64Array([Date.parse(input.start)]), new Float64Array([Date.parse(input.end)])),
    }[op];
    if ("result" in v.expect) {
      const got = run();
      const want = v.expect.result;
      if (got instanceof Date) assert.equal(got.getTime(), Math.floor(Date.parse(want)), `${got.toISOString()} != ${want}`);
      else if (typeof want === "number") assert.ok(Math.abs(got - want) < 1e-6, `${got} != ${want}`);
      else assert.equal(got, want);
      const millisecondExact = !/\.\d{4,}/.test(input.start) && Number.isInteger(input.seconds * 1000);
      if (op === "add" && millisecondExact) {
        // And through the batch API (epoch milliseconds in and out).
        const due = new kesher.Calendar(v.request.calendar).addMany(new Float64Array([Date.parse(input.start)]), input.seconds);
        const exact = kesher.calendarEval(v.request).result;
        assert.ok(Math.abs(due[0] - Date.parse(exact)) < 1, `${due[0]} vs ${exact}`);
      }
      if (many) {
        // And through the column form (epoch milliseconds).
        const got = many(new kesher.Calendar(v.request.calendar))[0];
        assert.equal(got, typeof want === "number" ? want : Date.parse(want));
      }
    } else {
      throwsKesher(assert, run, v.expect.error);
    }
  });
}
