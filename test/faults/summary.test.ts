import { Tally, tallies } from "./helpers.js";

// A root hook: after every test of the run, one line for all the fault cases that ran in it.
after(() => {
  const ran = tallies.filter((t) => t.tried > 0);
  if (ran.length === 0) return;
  const total = new Tally(`fault cases, ${ran.length} kinds`);
  for (const t of ran) {
    total.tried += t.tried;
    total.survived += t.survived;
    total.equal += t.equal;
  }
  process.stdout.write("\n");
  total.print();
});
