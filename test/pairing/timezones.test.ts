import assert from "node:assert/strict";
import fc from "fast-check";
import {
  countryCode,
  describeTimeZone,
  formatHoursApart,
  formatOffset,
  minutesApart,
  parseOffset,
  REFERENCE_DATE,
  resolveLocation,
  resolveTeamLocation,
  resolveTimeZone,
  zoneOffset,
} from "../../plugin/pairing/timezones.js";

describe("pairing: time zones", () => {
  it("reads a country field as the region it names, however it is spelt", () => {
    for (const written of ["USA", "US", "United States", "the United States", "u.s.a."]) assert.equal(countryCode(written), "US", written);
    assert.equal(countryCode("Deutschland"), "DE");
    assert.equal(countryCode("Germany"), "DE");
    assert.equal(countryCode("DD"), "DE");
    assert.equal(countryCode("Türkiye") ?? countryCode("Turkey"), "TR");
    assert.equal(countryCode("Atlantis"), undefined);
    assert.equal(countryCode(""), undefined);
  });

  it("reads UTC offsets in the forms applicants write", () => {
    const cases: [string, number | undefined][] = [
      ["UTC", 0],
      ["GMT", 0],
      ["Z", 0],
      ["UTC+2", 120],
      ["utc + 2", 120],
      ["UTC-05:30", -330],
      ["UTC\u22123", -180],
      ["+05:30", 330],
      ["+0545", 345],
      ["-3", -180],
      ["GMT+14", 840],
      ["UTC+15", undefined],
      ["UTC-13", undefined],
      ["+05:75", undefined],
      ["5", undefined],
      ["Berlin", undefined],
    ];
    for (const [text, expected] of cases) assert.equal(parseOffset(text), expected, text);
  });

  it("reads IANA names at the fixed reference date, whatever today is", () => {
    assert.equal(REFERENCE_DATE.toISOString(), "2025-01-15T12:00:00.000Z");
    assert.equal(zoneOffset("Europe/Berlin"), 60);
    assert.equal(zoneOffset("America/Denver"), -420);
    assert.equal(zoneOffset("Asia/Kathmandu"), 345);
    assert.equal(zoneOffset("Australia/Adelaide"), 630, "southern summer time in January");
    assert.equal(zoneOffset("Europe/Berlin", new Date(Date.UTC(2025, 6, 15))), 120);
    assert.equal(zoneOffset("Mars/Olympus"), undefined);
    assert.equal(zoneOffset("not a zone at all"), undefined);
    assert.deepEqual(resolveTimeZone(" Asia/Kolkata "), {
      input: " Asia/Kolkata ",
      source: "zone",
      offsetMinutes: 330,
      zone: "Asia/Kolkata",
    });
  });

  it("reads places: a city with its own zone, else a country with one offset", () => {
    assert.equal(resolveLocation("Denver, CO").zone, "America/Denver");
    assert.equal(resolveLocation("São Paulo").offsetMinutes, -180);
    assert.equal(resolveLocation("Montréal").offsetMinutes, -300);
    assert.equal(resolveLocation("Hamburg, Germany").source, "country");
    assert.equal(resolveLocation("Hamburg, Germany").offsetMinutes, 60);
    assert.equal(resolveLocation("Deutschland").offsetMinutes, 60, "the country's own name");
    assert.equal(resolveTimeZone("Tokyo").offsetMinutes, 540);
  });

  it("never reads a US state abbreviation as a country", () => {
    // MA is Morocco's code, CO Colombia's: in free text they are states.
    assert.equal(resolveLocation("Boston, MA").offsetMinutes, undefined);
    assert.equal(resolveLocation("Boulder, CO").offsetMinutes, undefined);
    // In a team file's country field, a code is a country.
    assert.equal(resolveTeamLocation("Osaka", "JP").offsetMinutes, 540);
  });

  it("says unknown, with the reason, for a country spanning several zones", () => {
    const canada = resolveLocation("Canada");
    assert.equal(canada.source, "unknown");
    assert.equal(canada.offsetMinutes, undefined);
    assert.match(canada.note ?? "", /several time zones/);
    assert.equal(resolveTeamLocation("Austin, TX", "USA").offsetMinutes, undefined);
    assert.equal(resolveTimeZone("Atlantis").source, "unknown");
    assert.equal(resolveTimeZone("   ").input, "");
  });

  it("uses a team file's locality first, then its country", () => {
    assert.equal(resolveTeamLocation("Toronto", "Canada").zone, "America/Toronto");
    assert.equal(resolveTeamLocation("Cork", "Ireland").offsetMinutes, 0);
    assert.equal(resolveTeamLocation(null, 42).source, "unknown");
  });

  it("measures hours apart around the clock", () => {
    assert.equal(minutesApart(12 * 60, -11 * 60), 60);
    assert.equal(minutesApart(-420, 540), 480);
    assert.equal(minutesApart(330, -300), 630);
    fc.assert(
      fc.property(fc.integer({ min: -720, max: 840 }), fc.integer({ min: -720, max: 840 }), (a, b) => {
        const d = minutesApart(a, b);
        assert.equal(d, minutesApart(b, a));
        assert.ok(d >= 0 && d <= 720);
        assert.equal(minutesApart(a, a), 0);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it("formats offsets and distances", () => {
    assert.equal(formatOffset(0), "UTC");
    assert.equal(formatOffset(330), "UTC+5:30");
    assert.equal(formatOffset(-210), "UTC-3:30");
    assert.equal(formatHoursApart(0), "same time zone");
    assert.equal(formatHoursApart(90), "1.5 h apart");
    assert.equal(formatHoursApart(45), "0.75 h apart");
    assert.equal(describeTimeZone(resolveTimeZone("Europe/Berlin")), "UTC+1 (Europe/Berlin)");
    assert.equal(describeTimeZone(resolveTimeZone("UTC+2")), "UTC+2");
    assert.equal(describeTimeZone(resolveTimeZone("Atlantis")), "unknown (Atlantis)");
  });
});
