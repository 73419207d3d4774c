import assert from "node:assert/strict";
import fc from "fast-check";
import { AssignmentInputError, solveAssignment, type AssignmentEdge, type AssignmentProblem } from "../../plugin/pairing/assign.js";

/** Every assignment, by enumeration: the largest size, then the lowest cost. */
function bruteForce(problem: AssignmentProblem): { size: number; cost: number } {
  const options: AssignmentEdge[][] = Array.from({ length: problem.left }, () => []);
  for (const edge of problem.edges) options[edge.left]?.push(edge);
  const used = problem.capacities.map(() => 0);
  let best = { size: 0, cost: 0 };
  const visit = (i: number, size: number, cost: number): void => {
    if (i === problem.left) {
      if (size > best.size || (size === best.size && cost < best.cost)) best = { size, cost };
      return;
    }
    visit(i + 1, size, cost);
    for (const edge of options[i] ?? []) {
      if ((used[edge.right] as number) >= (problem.capacities[edge.right] as number)) continue;
      used[edge.right] = (used[edge.right] as number) + 1;
      visit(i + 1, size + 1, cost + edge.cost);
      used[edge.right] = (used[edge.right] as number) - 1;
    }
  };
  visit(0, 0, 0);
  return best;
}

/**
 * A plain reference: one shortest augmenting path at a time, found by Bellman-Ford on the
 * residual graph (slow, but with no potentials, phases or pruning to get wrong).
 */
function reference(problem: AssignmentProblem): { size: number; cost: number } {
  const n = problem.left + problem.capacities.length + 2;
  const sink = n - 1;
  const arcs: { to: number; cap: number; cost: number }[] = [];
  const out: number[][] = Array.from({ length: n }, () => []);
  const add = (u: number, v: number, cap: number, cost: number): void => {
    out[u]?.push(arcs.length);
    arcs.push({ to: v, cap, cost });
    out[v]?.push(arcs.length);
    arcs.push({ to: u, cap: 0, cost: -cost });
  };
  for (let i = 0; i < problem.left; i++) add(0, 1 + i, 1, 0);
  for (const e of problem.edges) add(1 + e.left, 1 + problem.left + e.right, 1, e.cost);
  problem.capacities.forEach((c, j) => add(1 + problem.left + j, sink, c, 0));
  let size = 0;
  let cost = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Infinity);
    const via = new Array<number>(n).fill(-1);
    dist[0] = 0;
    for (let round = 0; round < n; round++) {
      let changed = false;
      for (let u = 0; u < n; u++) {
        if (dist[u] === Infinity) continue;
        for (const a of out[u] ?? []) {
          const arc = arcs[a]!;
          if (arc.cap > 0 && dist[u]! + arc.cost < dist[arc.to]!) {
            dist[arc.to] = dist[u]! + arc.cost;
            via[arc.to] = a;
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    if (dist[sink] === Infinity) return { size, cost };
    for (let v = sink; v !== 0; v = arcs[via[v]! ^ 1]!.to) {
      arcs[via[v]!]!.cap -= 1;
      arcs[via[v]! ^ 1]!.cap += 1;
    }
    size += 1;
    cost += dist[sink]!;
  }
}

const problems = fc
  .record({ left: fc.integer({ min: 0, max: 6 }), capacities: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 }) })
  .chain(({ left, capacities }) =>
    fc
      .array(
        fc.record({
          left: fc.integer({ min: 0, max: Math.max(0, left - 1) }),
          right: fc.integer({ min: 0, max: Math.max(0, capacities.length - 1) }),
          cost: fc.integer({ min: 0, max: 20 }),
        }),
        { maxLength: left && capacities.length ? 16 : 0 },
      )
      .map((edges): AssignmentProblem => ({ left, capacities, edges })),
  );

function check(problem: AssignmentProblem, result: ReturnType<typeof solveAssignment>): void {
  const load = problem.capacities.map(() => 0);
  let size = 0;
  result.match.forEach((right, left) => {
    if (right < 0) return;
    size += 1;
    load[right] = (load[right] as number) + 1;
    assert.ok(
      problem.edges.some((e) => e.left === left && e.right === right),
      `left ${left} given right ${right} without an edge`,
    );
  });
  assert.equal(size, result.size);
  load.forEach((n, right) => assert.ok(n <= (problem.capacities[right] as number), `right ${right} over capacity`));
}

describe("pairing: min-cost assignment solver", () => {
  it("prefers more pairs to cheaper pairs", () => {
    // Left 0 alone would take right 0 (cost 0); pairing both needs the costly edges.
    const result = solveAssignment({
      left: 2,
      capacities: [1, 1],
      edges: [
        { left: 0, right: 0, cost: 0 },
        { left: 0, right: 1, cost: 100 },
        { left: 1, right: 0, cost: 100 },
      ],
    });
    assert.deepEqual(result, { match: [1, 0], size: 2, cost: 200 });
  });

  it("reroutes through earlier choices (an augmenting path of length 5)", () => {
    const result = solveAssignment({
      left: 3,
      capacities: [1, 1, 1],
      edges: [
        { left: 0, right: 0, cost: 1 },
        { left: 0, right: 1, cost: 2 },
        { left: 1, right: 0, cost: 1 },
        { left: 1, right: 2, cost: 5 },
        { left: 2, right: 0, cost: 1 },
      ],
    });
    assert.equal(result.size, 3);
    assert.equal(result.cost, 1 + 2 + 5);
    assert.deepEqual(result.match, [1, 2, 0]);
  });

  it("fills capacities above one", () => {
    const result = solveAssignment({
      left: 3,
      capacities: [2, 0],
      edges: [0, 1, 2].flatMap((left) => [
        { left, right: 0, cost: left },
        { left, right: 1, cost: 0 },
      ]),
    });
    assert.equal(result.size, 2);
    assert.equal(result.cost, 0 + 1);
  });

  it("breaks ties by edge order, the same way every time", () => {
    const problem = {
      left: 2,
      capacities: [1, 1],
      edges: [
        { left: 0, right: 0, cost: 3 },
        { left: 0, right: 1, cost: 3 },
        { left: 1, right: 0, cost: 3 },
        { left: 1, right: 1, cost: 3 },
      ],
    };
    const first = solveAssignment(problem);
    for (let k = 0; k < 5; k++) assert.deepEqual(solveAssignment(problem), first);
    assert.deepEqual(first.match, [0, 1]);
  });

  it("handles empty problems", () => {
    assert.deepEqual(solveAssignment({ left: 0, capacities: [], edges: [] }), { match: [], size: 0, cost: 0 });
    assert.deepEqual(solveAssignment({ left: 2, capacities: [], edges: [] }), { match: [-1, -1], size: 0, cost: 0 });
  });

  it("refuses costs it could not add up exactly, and malformed edges", () => {
    assert.throws(() => solveAssignment({ left: 1, capacities: [1], edges: [{ left: 0, right: 0, cost: 2 ** 52 }] }), AssignmentInputError);
    assert.throws(
      () => solveAssignment({ left: 1, capacities: [1], edges: [{ left: 0, right: 0, cost: -1 }] }),
      /non-negative safe integer/,
    );
    assert.throws(() => solveAssignment({ left: 1, capacities: [1], edges: [{ left: 0, right: 0, cost: 0.5 }] }), AssignmentInputError);
    assert.throws(() => solveAssignment({ left: 1, capacities: [1], edges: [{ left: 1, right: 0, cost: 0 }] }), /unknown left node/);
    assert.throws(() => solveAssignment({ left: 1, capacities: [1.5], edges: [] }), /capacity/);
  });

  it("agrees with a one-path-at-a-time reference on larger random problems (property)", () => {
    const larger = fc
      .record({
        left: fc.integer({ min: 1, max: 40 }),
        capacities: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }),
      })
      .chain(({ left, capacities }) =>
        fc
          .array(
            fc.record({
              left: fc.integer({ min: 0, max: left - 1 }),
              right: fc.integer({ min: 0, max: capacities.length - 1 }),
              // Few distinct costs: many ties and zero-cost cycles, where phases merge paths.
              cost: fc.constantFrom(0, 1, 2, 5, 1000),
            }),
            { maxLength: 160 },
          )
          .map((edges): AssignmentProblem => ({ left, capacities, edges })),
      );
    fc.assert(
      fc.property(larger, (problem) => {
        const result = solveAssignment(problem);
        check(problem, result);
        const expected = reference(problem);
        assert.equal(result.size, expected.size);
        assert.equal(result.cost, expected.cost);
      }),
      { seed: 8675309, numRuns: 200 },
    );
  });

  it("equals a brute-force optimum on small random problems (property)", () => {
    fc.assert(
      fc.property(problems, (problem) => {
        const result = solveAssignment(problem);
        check(problem, result);
        const best = bruteForce(problem);
        assert.equal(result.size, best.size);
        assert.equal(result.cost, best.cost);
      }),
      { seed: 424242, numRuns: 400 },
    );
  });
});
