import fc from "fast-check";
import { limitsOf, within, withinBounds } from "../../src/domain/rules/checks/cells";
import { builtInTemplates } from "../../src/domain";

/** The fast path's intervals (limitsOf) say exactly what the list of bounds says, for every indicator. */
test("limitsOf folds the bounds of every built-in indicator without changing them", () => {
  const indicators = builtInTemplates().flatMap((t) => t.indicators);
  const bounded = indicators.map((ind, i) =>
    i % 3 === 0
      ? { ...ind, bounds: { min: -20, max: 5000 } }
      : i % 3 === 1
        ? { ...ind, bounds: { max: 40 } }
        : ind
  );
  const value = fc.oneof(
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.integer({ min: -200, max: 6000 }),
    fc.constantFrom(0, 100, 100.5, -0.5, 40, 5000, -20)
  );
  fc.assert(
    fc.property(fc.constantFrom(...bounded), value, (ind, v) => {
      expect(within(limitsOf(ind), v)).toBe(withinBounds(ind, v));
    }),
    { numRuns: 3000 }
  );
});
