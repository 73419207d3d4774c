/**
 * Where a build's time goes, phase by phase, on request: `DEBUG=Eleventy:MentorDirectory*` (the
 * namespace Eleventy's own debug output uses), the plugin option `timings`, or `validate --timings`.
 * Off, each measured call costs one test of a variable: the numbers are there when someone asks
 * why a build is slow, without slowing the builds nobody is measuring.
 */
import { performance } from "node:perf_hooks";

/** The phases, in the order a build goes through them. */
const PHASES = ["list", "read", "parse", "cache-load", "validate", "rules", "team-rules", "directory", "render", "cache-write"] as const;

type Phase = (typeof PHASES)[number];

/**
 * What a build wrote anew rather than reused, in the order of `format`: a watch-mode build after
 * one saved file writes that member's pieces only. `pages`: Markdown pages rendered through every
 * step, rather than written from their frame (see `page-frame.ts`).
 */
const WRITTEN = ["member details", "team cards", "team sections", "directory cards", "mentor records", "pages"] as const;

type Written = (typeof WRITTEN)[number];

/** One phase's total: what `PhaseTimes#entries` lists, and what a worker hands back. */
export interface PhaseEntry {
  readonly phase: Phase;
  readonly ms: number;
  readonly calls: number;
}

/** Milliseconds and calls per phase of one build (or one `validate`). */
class PhaseTimes {
  readonly #ms = new Map<Phase, number>();
  readonly #calls = new Map<Phase, number>();
  readonly #written = new Map<Written, number>();
  /** When the recording began, on the process's clock (ms since it started). */
  readonly startedAt = performance.now();

  add(phase: Phase, ms: number, calls = 1): void {
    this.#ms.set(phase, (this.#ms.get(phase) ?? 0) + ms);
    this.#calls.set(phase, (this.#calls.get(phase) ?? 0) + calls);
  }

  wrote(what: Written): void {
    this.#written.set(what, (this.#written.get(what) ?? 0) + 1);
  }

  /** Each phase that ran, in build order, with its total time and how many calls made it up. */
  entries(): PhaseEntry[] {
    return PHASES.filter((p) => this.#ms.has(p)).map((phase) => ({
      phase,
      ms: this.#ms.get(phase) ?? 0,
      calls: this.#calls.get(phase) ?? 0,
    }));
  }

  /**
   * One line: each phase in ms, their sum, the time since recording began, and how long the
   * process had run by then (module loading and the host's own start-up).
   */
  format(): string {
    const round = (ms: number): string => (ms >= 10 ? String(Math.round(ms)) : ms.toFixed(1));
    const parts = this.entries().map(({ phase, ms, calls }) => `${phase} ${round(ms)}${calls > 1 ? ` (${calls}×)` : ""}`);
    const sum = this.entries().reduce((total, e) => total + e.ms, 0);
    const written = WRITTEN.filter((what) => this.#written.has(what)).map((what) => `${what} ${this.#written.get(what) ?? 0}`);
    return (
      `timings (ms): ${parts.join(", ") || "nothing measured"}; ` +
      `phases ${round(sum)} of ${round(performance.now() - this.startedAt)} since start of recording, ` +
      `which began ${round(this.startedAt)} after the process started` +
      (written.length > 0 ? `; written anew: ${written.join(", ")}` : "")
    );
  }
}

let current: PhaseTimes | undefined;

/** Start recording into a new `PhaseTimes` (replacing any recording in progress) and return it. */
export function startTimings(): PhaseTimes {
  current = new PhaseTimes();
  return current;
}

/** Stop recording; returns what was recorded, if anything was. */
export function stopTimings(): PhaseTimes | undefined {
  const done = current;
  current = undefined;
  return done;
}

/** Run `fn`, adding its time to `phase` while a recording is in progress. */
export function timed<T>(phase: Phase, fn: () => T): T {
  const times = current;
  if (!times) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    times.add(phase, performance.now() - start);
  }
}

/**
 * Add phases timed elsewhere (a worker thread) to the recording in progress. They ran beside this
 * thread's, so the phases may then sum to more than the time since the recording began.
 */
export function addTimings(entries: readonly PhaseEntry[]): void {
  for (const { phase, ms, calls } of entries) current?.add(phase, ms, calls);
}

/** Whether a recording is in progress. */
export function timingsOn(): boolean {
  return current !== undefined;
}

/** Count one piece written anew while a recording is in progress. */
export function wrote(what: Written): void {
  current?.wrote(what);
}

/**
 * Whether `DEBUG` (comma- or space-separated patterns, `*` a wildcard, `-` in front excluding, as
 * in the `debug` package Eleventy uses) asks for `Eleventy:MentorDirectory:Timings`.
 */
export function debugAsksForTimings(debug: string | undefined = process.env.DEBUG): boolean {
  if (!debug) return false;
  const name = "Eleventy:MentorDirectory:Timings";
  let on = false;
  for (const raw of debug.split(/[\s,]+/)) {
    if (!raw) continue;
    const negated = raw.startsWith("-");
    const pattern = new RegExp(`^${(negated ? raw.slice(1) : raw).replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*?")}$`);
    if (!pattern.test(name)) continue;
    if (negated) return false;
    on = true;
  }
  return on;
}
