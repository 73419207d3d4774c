/**
 * Optimal assignment of left nodes (mentees, one place each) to right nodes (mentors, with
 * capacities): the largest number of pairs, and among those the lowest total cost.
 *
 * Min-cost flow by successive shortest paths with node potentials (primal-dual): Dijkstra on
 * reduced costs finds the shortest augmenting distance, then augmenting paths of that length are
 * pushed together along the zero-reduced-cost arcs, which keeps reduced costs non-negative and
 * cuts the number of Dijkstra runs from one per pair to about one per distinct distance. Stopping
 * only when no augmenting path is left gives a maximum flow, so the pair count comes first
 * whatever the costs.
 *
 * Costs are integers, so equal costs compare exactly; arcs are scanned in input order and the
 * heap breaks ties by node number, so the same input always gives the same assignment.
 */

export interface AssignmentEdge {
  readonly left: number;
  readonly right: number;
  /** A non-negative safe integer. */
  readonly cost: number;
}

export interface AssignmentProblem {
  /** Number of left nodes; each takes at most one pair. */
  readonly left: number;
  /** Capacity of each right node (its index is its number). */
  readonly capacities: readonly number[];
  /** Allowed pairs. Their order is the tie-break among equal-cost choices: earlier wins. */
  readonly edges: readonly AssignmentEdge[];
}

export interface Assignment {
  /** For each left node, its right node, or -1. */
  readonly match: readonly number[];
  /** Number of pairs (a maximum). */
  readonly size: number;
  /** Total cost of the pairs (a minimum among maximum assignments). */
  readonly cost: number;
}

/** An input the solver cannot handle exactly; the message names what is wrong. */
export class AssignmentInputError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "AssignmentInputError";
  }
}

/** Indexed binary min-heap of nodes keyed by distance, ties broken by node number. */
class NodeHeap {
  readonly #nodes: Int32Array;
  readonly #position: Int32Array;
  readonly #key: Float64Array;
  #size = 0;

  constructor(count: number, key: Float64Array) {
    this.#nodes = new Int32Array(count);
    this.#position = new Int32Array(count).fill(-1);
    this.#key = key;
  }

  get size(): number {
    return this.#size;
  }

  clear(): void {
    for (let k = 0; k < this.#size; k++) this.#position[this.#nodes[k] as number] = -1;
    this.#size = 0;
  }

  #less(a: number, b: number): boolean {
    const ka = this.#key[a] as number;
    const kb = this.#key[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  #place(node: number, at: number): void {
    this.#nodes[at] = node;
    this.#position[node] = at;
  }

  #up(at: number): void {
    const node = this.#nodes[at] as number;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = this.#nodes[parent] as number;
      if (!this.#less(node, above)) break;
      this.#place(above, at);
      at = parent;
    }
    this.#place(node, at);
  }

  /** Insert `node`, or move it up after its key decreased. */
  push(node: number): void {
    let at = this.#position[node] as number;
    if (at === -1) {
      at = this.#size++;
      this.#place(node, at);
    }
    this.#up(at);
  }

  pop(): number {
    const top = this.#nodes[0] as number;
    this.#position[top] = -1;
    const last = this.#nodes[--this.#size] as number;
    if (this.#size > 0) {
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        if (left >= this.#size) break;
        const right = left + 1;
        const child = right < this.#size && this.#less(this.#nodes[right] as number, this.#nodes[left] as number) ? right : left;
        const smaller = this.#nodes[child] as number;
        if (!this.#less(smaller, last)) break;
        this.#place(smaller, at);
        at = child;
      }
      this.#place(last, at);
    }
    return top;
  }
}

/** The flow network of a problem: arcs in compressed rows, arc slot `a` and its residual twin `twin[a]`. */
interface Network {
  readonly nodeCount: number;
  readonly source: number;
  readonly sink: number;
  /** The arcs leaving node `v` are the slots from `first[v]` to `first[v + 1]`. */
  readonly first: Int32Array;
  readonly head: Int32Array;
  readonly cap: Int32Array;
  readonly cost: Float64Array;
  readonly twin: Int32Array;
  /** Slot of the arc of each input edge, to read the assignment back. */
  readonly edgeSlot: Int32Array;
}

/** What the search keeps per node between phases (potentials) and within one (the rest). */
interface Search {
  readonly potential: Float64Array;
  readonly distance: Float64Array;
  readonly current: Int32Array;
  readonly dead: Uint8Array;
  readonly onPath: Uint8Array;
  readonly heap: NodeHeap;
  readonly pathArcs: Int32Array;
}

/** Solve the assignment problem exactly. Throws `AssignmentInputError` for an invalid input. */
export function solveAssignment(problem: AssignmentProblem): Assignment {
  checkInput(problem);
  const net = buildNetwork(problem);
  const nodeCount = net.nodeCount;
  const distance = new Float64Array(nodeCount);
  const search: Search = {
    potential: new Float64Array(nodeCount),
    distance,
    current: new Int32Array(nodeCount),
    dead: new Uint8Array(nodeCount),
    onPath: new Uint8Array(nodeCount),
    heap: new NodeHeap(nodeCount, distance),
    pathArcs: new Int32Array(nodeCount),
  };
  while (shortestPaths(net, search)) {
    if (augment(net, search) === 0) break;
  }

  const match = new Array<number>(problem.left).fill(-1);
  let size = 0;
  let total = 0;
  problem.edges.forEach((edge, e) => {
    if ((net.cap[net.edgeSlot[e] as number] as number) === 0) {
      match[edge.left] = edge.right;
      size += 1;
      total += edge.cost;
    }
  });
  return { match, size, cost: total };
}

/** Throws `AssignmentInputError` for node numbers, costs or capacities the solver cannot take. */
function checkInput(problem: AssignmentProblem): void {
  const leftCount = problem.left;
  const rightCount = problem.capacities.length;
  if (!Number.isInteger(leftCount) || leftCount < 0)
    throw new AssignmentInputError(`left must be a non-negative integer, not ${leftCount}`);
  const nodeCount = leftCount + rightCount + 2;
  let maxCost = 0;
  for (const edge of problem.edges) {
    if (!Number.isInteger(edge.left) || edge.left < 0 || edge.left >= leftCount)
      throw new AssignmentInputError(`edge from unknown left node ${edge.left}`);
    if (!Number.isInteger(edge.right) || edge.right < 0 || edge.right >= rightCount)
      throw new AssignmentInputError(`edge to unknown right node ${edge.right}`);
    if (!Number.isSafeInteger(edge.cost) || edge.cost < 0)
      throw new AssignmentInputError(`edge cost must be a non-negative safe integer, not ${edge.cost}`);
    if (edge.cost > maxCost) maxCost = edge.cost;
  }
  // Distances and potentials are sums of at most nodeCount arc costs; they must stay exact.
  if (maxCost * (nodeCount + 1) > Number.MAX_SAFE_INTEGER) {
    throw new AssignmentInputError(`costs up to ${maxCost} over ${nodeCount} nodes could exceed exact integer arithmetic`);
  }
  for (const capacity of problem.capacities) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new AssignmentInputError(`capacity must be a non-negative integer, not ${capacity}`);
  }
}

/** The network of a checked problem: source → each left node → its edges → right nodes → sink. */
function buildNetwork(problem: AssignmentProblem): Network {
  const leftCount = problem.left;
  const rightCount = problem.capacities.length;
  const nodeCount = leftCount + rightCount + 2;
  const source = 0;
  const sink = nodeCount - 1;
  // Arcs in compressed rows; arc a and its residual twin twin[a]. Input order is kept per node.
  const arcCount = 2 * (leftCount + problem.edges.length + rightCount);
  const tails: number[] = [];
  const heads: number[] = [];
  const caps: number[] = [];
  const costs: number[] = [];
  const addArc = (u: number, v: number, capacity: number, cost: number): void => {
    tails.push(u, v);
    heads.push(v, u);
    caps.push(capacity, 0);
    costs.push(cost, -cost);
  };
  for (let i = 0; i < leftCount; i++) addArc(source, 1 + i, 1, 0);
  for (const edge of problem.edges) addArc(1 + edge.left, 1 + leftCount + edge.right, 1, edge.cost);
  for (let j = 0; j < rightCount; j++) addArc(1 + leftCount + j, sink, Math.min(problem.capacities[j] as number, leftCount), 0);

  const first = new Int32Array(nodeCount + 1);
  for (let a = 0; a < arcCount; a++) {
    const at = (tails[a] as number) + 1;
    first[at] = (first[at] ?? 0) + 1;
  }
  for (let v = 0; v < nodeCount; v++) first[v + 1] = (first[v + 1] ?? 0) + (first[v] ?? 0);
  const fill = first.slice(0, nodeCount);
  const slotOf = new Int32Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    const tail = tails[a] as number;
    const slot = fill[tail] ?? 0;
    slotOf[a] = slot;
    fill[tail] = slot + 1;
  }
  const head = new Int32Array(arcCount);
  const cap = new Int32Array(arcCount);
  const cost = new Float64Array(arcCount);
  const twin = new Int32Array(arcCount);
  for (let a = 0; a < arcCount; a++) {
    const slot = slotOf[a] as number;
    head[slot] = heads[a] as number;
    cap[slot] = caps[a] as number;
    cost[slot] = costs[a] as number;
    twin[slot] = slotOf[a ^ 1] as number;
  }
  // Slot of the arc of each input edge, to read the assignment back.
  const edgeSlot = new Int32Array(problem.edges.length);
  for (let e = 0; e < problem.edges.length; e++) edgeSlot[e] = slotOf[2 * (leftCount + e)] as number;
  return { nodeCount, source, sink, first, head, cap, cost, twin, edgeSlot };
}

// Shortest reduced distances from the source; potentials then move by min(distance, distance to
// sink), which keeps every residual arc's reduced cost non-negative even for nodes not reached.
function shortestPaths(net: Network, search: Search): boolean {
  const { nodeCount, source, sink, first, head, cap, cost } = net;
  const { distance, heap, potential } = search;
  distance.fill(Infinity);
  distance[source] = 0;
  heap.clear();
  heap.push(source);
  while (heap.size > 0) {
    const u = heap.pop();
    if (u === sink) break;
    const base = (distance[u] as number) + (potential[u] as number);
    for (let a = first[u] as number, end = first[u + 1] as number; a < end; a++) {
      if ((cap[a] as number) <= 0) continue;
      const v = head[a] as number;
      const d = base + (cost[a] as number) - (potential[v] as number);
      if (d < (distance[v] as number)) {
        distance[v] = d;
        heap.push(v);
      }
    }
  }
  const toSink = distance[sink] as number;
  if (toSink === Infinity) return false;
  for (let v = 0; v < nodeCount; v++) potential[v] = (potential[v] ?? 0) + Math.min(distance[v] as number, toSink);
  return true;
}

// Unit augmenting paths over zero-reduced-cost arcs (each left node takes one unit, so each
// path carries exactly one). Only nodes within the sink's distance can lie on a shortest path,
// and the sink comes last among equal distances, so those nodes all have final distances. A
// node is entered once per phase (marked dead when it leads nowhere, and never re-entered while
// on the path, which keeps zero-cost cycles out); a path this misses after an augmentation is
// found by the next phase at distance zero.
function augment(net: Network, search: Search): number {
  const { nodeCount, source, sink, first, head, cap, cost, twin } = net;
  const { potential, distance, current, dead, onPath, pathArcs } = search;
  const limit = distance[sink] as number;
  dead.fill(0);
  for (let v = 0; v < nodeCount; v++) current[v] = first[v] as number;
  let pushed = 0;
  for (;;) {
    let depth = 0;
    let u = source;
    onPath[source] = 1;
    while (u !== sink) {
      let next = -1;
      const pu = potential[u] as number;
      for (let a = current[u] as number, end = first[u + 1] as number; a < end; a++, current[u] = a) {
        if ((cap[a] as number) <= 0) continue;
        const v = head[a] as number;
        if (dead[v] || onPath[v] || (distance[v] as number) > limit) continue;
        if ((cost[a] as number) + pu - (potential[v] as number) !== 0) continue;
        pathArcs[depth++] = a;
        next = v;
        break;
      }
      if (next !== -1) {
        onPath[next] = 1;
        u = next;
        continue;
      }
      dead[u] = 1;
      onPath[u] = 0;
      if (depth === 0) return pushed;
      const back = pathArcs[--depth] as number;
      u = head[twin[back] as number] as number;
      current[u] = (current[u] ?? 0) + 1;
    }
    onPath[source] = 0;
    for (let k = 0; k < depth; k++) {
      const a = pathArcs[k] as number;
      cap[a] = (cap[a] ?? 0) - 1;
      const reverse = twin[a] as number;
      cap[reverse] = (cap[reverse] ?? 0) + 1;
      onPath[head[a] as number] = 0;
    }
    pushed += 1;
  }
}
