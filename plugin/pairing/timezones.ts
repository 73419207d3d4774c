/**
 * Time zones of applicants, as UTC offsets. Applications give an IANA name (`Europe/Berlin`), an
 * offset (`UTC+2`, `+05:30`) or a place (`Denver, CO`, `Tokyo, Japan`); team files give a locality
 * and a country. What cannot be read is `unknown`, never a guess.
 *
 * Offsets are taken at one fixed instant (`REFERENCE_DATE`) so that the same applications give the
 * same pairs whatever day the command runs; daylight saving moves a pair by an hour at most.
 */
import { BoundedMemo } from "../text/memo.js";

/** How an offset was found. */
export type TimeZoneSource = "offset" | "zone" | "city" | "country" | "unknown";

export interface ResolvedTimeZone {
  /** The text as the application or team file gave it. */
  readonly input: string;
  readonly source: TimeZoneSource;
  /** Minutes east of UTC at the reference date; absent when unknown. */
  readonly offsetMinutes?: number;
  /** The IANA zone the offset comes from, when it comes from one. */
  readonly zone?: string;
  /** Why it is unknown, when a part was recognized but did not settle it (a country with several zones). */
  readonly note?: string;
}

/**
 * 15 January 2025, 12:00 UTC: standard time in the northern hemisphere, where most applicants
 * live. Callers pass their own date to resolve offsets for another season.
 */
export const REFERENCE_DATE: Date = new Date(Date.UTC(2025, 0, 15, 12, 0, 0));

export const UNKNOWN_TIME_ZONE: ResolvedTimeZone = Object.freeze({ input: "", source: "unknown" });

const MINUTES_PER_DAY = 24 * 60;

/** `UTC`, `GMT+2`, `UTC-05:30`, `+0545`, `−3`: the offset in minutes, or undefined. */
export function parseOffset(text: string): number | undefined {
  const match = /^(?:(utc|gmt|z)\s*)?(?:([+\-\u2212])\s*(\d{1,2})(?:[:h.]?(\d{2}))?)?$/i.exec(text.trim());
  if (!match || (!match[1] && !match[2])) return undefined;
  if (!match[2]) return 0;
  const hours = Number(match[3]);
  const minutes = match[4] === undefined ? 0 : Number(match[4]);
  if (minutes >= 60) return undefined;
  const total = (match[2] === "+" ? 1 : -1) * (hours * 60 + minutes);
  // Real offsets run from UTC-12 to UTC+14; anything else is a typo, not a place.
  return total < -12 * 60 || total > 14 * 60 ? undefined : total;
}

// Keyed by names written in team files and applications: bounded, for a long watch process.
const zoneOffsets = new BoundedMemo<number | undefined>(10_000);

/** The offset of an IANA zone at `date` in minutes, or undefined when the name is not a zone. */
export function zoneOffset(zone: string, date: Date = REFERENCE_DATE): number | undefined {
  return zoneOffsets.get(`${date.getTime()} ${zone.toLowerCase()}`, () => {
    // Intl accepts a few non-zone words (`Etc/Unknown` is refused, but so is an empty string): only
    // names shaped like zones are tried, which also keeps free text out of the ICU lookup.
    if (!/^[A-Z][\w+\-/]{0,63}$/i.test(zone)) return undefined;
    try {
      const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
        .formatToParts(date)
        .find((p) => p.type === "timeZoneName")?.value;
      return part === undefined ? undefined : parseOffset(part);
    } catch {
      return undefined;
    }
  });
}

/** Lower case, accents removed, spaces collapsed: how places are compared. */
function placeKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

// IANA zones are named after a city under one of these areas.
const AREAS = ["America", "Europe", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian", "Antarctica"];

const cityZones = new BoundedMemo<string | undefined>(10_000);

/** The IANA zone named after `city` (`São Paulo` → `America/Sao_Paulo`), if any. */
function zoneOfCity(city: string): string | undefined {
  return cityZones.get(placeKey(city), (key) => {
    if (!/^[a-z][a-z .'-]*$/.test(key)) return undefined;
    const name = key.replace(/ /g, "_");
    for (const area of AREAS) {
      if (zoneOffset(`${area}/${name}`) !== undefined) {
        return `${area}/${name.replace(/(^|[_-])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase())}`;
      }
    }
    return undefined;
  });
}

// Region names from the runtime's ICU data, built once: a constant table, whatever the input.
let englishNames: Map<string, string> | undefined;
let ownNames: Map<string, string> | undefined;

// Names people write that are neither a region's English nor its own-language name.
const REGION_ALIASES: Readonly<Record<string, string>> = { usa: "US", uk: "GB", uae: "AE", "u.s.": "US", "u.s.a.": "US", "u.k.": "GB" };

// At most one entry per two-letter region code: a constant table, filled as codes are met.
const regionZones = new Map<string, readonly string[]>();

function zonesOfRegion(code: string): readonly string[] {
  const known = regionZones.get(code);
  if (known) return known;
  let zones: readonly string[];
  try {
    const locale = new Intl.Locale(`und-${code}`) as Intl.Locale & { timeZones?: string[]; getTimeZones?: () => string[] };
    // The getter (Node 20) became a method in later versions of the proposal (Node 22+).
    zones = (typeof locale.getTimeZones === "function" ? locale.getTimeZones() : locale.timeZones) ?? [];
  } catch {
    zones = [];
  }
  regionZones.set(code, zones);
  return zones;
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function* regionCodes(): Generator<string> {
  for (const a of LETTERS) for (const b of LETTERS) yield a + b;
}

function addName(index: Map<string, string>, spelling: string, code: string): void {
  const key = placeKey(spelling).replace(/^the /, "");
  if (!index.has(key)) index.set(key, code);
}

/**
 * The region code of a country name, from the runtime's ICU data: no table to keep up to date.
 * English names first; names in each country's main language (`Deutschland`) only when needed,
 * since building them costs a hundred milliseconds.
 */
function regionOf(key: string): string | undefined {
  if (!englishNames) {
    englishNames = new Map(Object.entries(REGION_ALIASES));
    const english = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
    for (const code of regionCodes()) {
      const name = english.of(code);
      if (name !== undefined) addName(englishNames, name, code);
    }
  }
  const found = englishNames.get(key);
  if (found !== undefined) return found;
  if (!ownNames) {
    ownNames = new Map();
    const byLanguage = new Map<string, Intl.DisplayNames>();
    for (const code of englishNames.values()) {
      try {
        const language = new Intl.Locale(`und-${code}`).maximize().language;
        let names = byLanguage.get(language);
        if (!names) {
          names = new Intl.DisplayNames([language], { type: "region", fallback: "none" });
          byLanguage.set(language, names);
        }
        const own = names.of(code);
        if (own) addName(ownNames, own, code);
      } catch {
        // No own-language name: the English one is enough.
      }
    }
  }
  return ownNames.get(key);
}

/**
 * The region code of a country field as people write it (`USA`, `US`, `United States` → `US`,
 * `Deutschland` → `DE`), or undefined when it names no region.
 */
export function countryCode(text: string): string | undefined {
  return countryCodes.get(text, codeOfCountry);
}

// A team writes its countries a few hundred ways, and `Intl.Locale` is costly next to a lookup.
const countryCodes = new BoundedMemo<string | undefined>(1_000);

function codeOfCountry(text: string): string | undefined {
  const key = placeKey(text).replace(/^the /, "");
  const code = regionOf(key) ?? (/^[a-z]{2}$/.test(key) ? key.toUpperCase() : undefined);
  if (code === undefined || zonesOfRegion(code).length === 0) return undefined;
  // Old codes name the same region as their successors (`DD` is `DE`, `BU` is `MM`): one country, one code.
  try {
    return new Intl.Locale(`und-${code}`).region ?? code;
  } catch {
    return code;
  }
}

/**
 * `codes`: also read two-letter codes (`DE`). Only for a country field: in free text, `Boston, MA`
 * names a state, not Morocco.
 */
function resolveCountry(text: string, date: Date, codes = false): ResolvedTimeZone | undefined {
  const key = placeKey(text).replace(/^the /, "");
  const code = regionOf(key) ?? (codes && /^[a-z]{2}$/.test(key) ? key.toUpperCase() : undefined);
  if (code === undefined) return undefined;
  const zones = zonesOfRegion(code);
  if (zones.length === 0) return undefined;
  const offsets = new Set<number>();
  for (const zone of zones) {
    const offset = zoneOffset(zone, date);
    if (offset !== undefined) offsets.add(offset);
  }
  if (offsets.size === 1) return { input: text, source: "country", offsetMinutes: [...offsets][0] as number, zone: zones[0] as string };
  return {
    input: text,
    source: "unknown",
    note: `${text.trim()} spans several time zones; give a city, an IANA time zone or a UTC offset`,
  };
}

/**
 * A place as people write it: parts separated by commas, slashes or parentheses; the first part
 * that names an IANA zone or a city with its own zone wins, then a country with one offset.
 */
export function resolveLocation(text: string, date: Date = REFERENCE_DATE): ResolvedTimeZone {
  const input = text;
  const parts = text
    .split(/[,;/()|]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const direct = zoneOffset(part, date);
    if (direct !== undefined) return { input, source: "zone", offsetMinutes: direct, zone: part };
    const zone = zoneOfCity(part);
    if (zone !== undefined) return { input, source: "city", offsetMinutes: zoneOffset(zone, date) ?? 0, zone };
  }
  let note: string | undefined;
  for (const part of [...parts].reverse()) {
    const country = resolveCountry(part, date);
    if (country?.offsetMinutes !== undefined) return { ...country, input };
    note ??= country?.note;
  }
  return note ? { input, source: "unknown", note } : { input, source: "unknown" };
}

/** A time-zone cell: an offset, an IANA name, or else a place. */
export function resolveTimeZone(text: string, date: Date = REFERENCE_DATE): ResolvedTimeZone {
  const trimmed = text.trim();
  if (trimmed === "") return UNKNOWN_TIME_ZONE;
  const offset = parseOffset(trimmed);
  if (offset !== undefined) return { input: text, source: "offset", offsetMinutes: offset };
  // `Asia/Kolkata` holds a slash, which `resolveLocation` would split on.
  const zone = zoneOffset(trimmed, date);
  if (zone !== undefined) return { input: text, source: "zone", offsetMinutes: zone, zone: trimmed };
  return resolveLocation(trimmed, date);
}

/** A team member's `locality` and `country`: the city when it settles it, else the country. */
export function resolveTeamLocation(locality: unknown, country: unknown, date: Date = REFERENCE_DATE): ResolvedTimeZone {
  const place = typeof locality === "string" ? locality.trim() : "";
  const land = typeof country === "string" ? country.trim() : "";
  const input = [place, land].filter(Boolean).join(", ");
  if (input === "") return UNKNOWN_TIME_ZONE;
  if (place) {
    const found = resolveLocation(place, date);
    if (found.offsetMinutes !== undefined) return { ...found, input };
  }
  if (land) {
    const found = resolveCountry(land, date, true);
    if (found) return { ...found, input };
  }
  return { input, source: "unknown" };
}

/** Minutes between two offsets around the clock: UTC+12 and UTC-11 are one hour apart. */
export function minutesApart(a: number, b: number): number {
  const d = (((a - b) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return Math.min(d, MINUTES_PER_DAY - d);
}

/** `UTC`, `UTC+2`, `UTC+5:30`, `UTC-3:30`. */
export function formatOffset(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

/** `UTC+1 (Europe/Berlin)`, `UTC+2`, `unknown (Atlantis)` or `unknown`. */
export function describeTimeZone(tz: ResolvedTimeZone): string {
  if (tz.offsetMinutes === undefined) return tz.input.trim() ? `unknown (${tz.input.trim()})` : "unknown";
  const offset = formatOffset(tz.offsetMinutes);
  return tz.zone && tz.source !== "offset" ? `${offset} (${tz.zone})` : offset;
}

/** `same time zone`, `1 h apart`, `5.5 h apart`. */
export function formatHoursApart(minutes: number): string {
  if (minutes === 0) return "same time zone";
  const hours = minutes / 60;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2).replace(/0$/, "")} h apart`;
}
