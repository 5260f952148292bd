import { describe, expect, it } from "vitest";
import { percentile, share, spread } from "./stats";

describe("report arithmetic", () => {
  it("medians and the 90th percentile interpolate between ranks", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(spread([10, 20, 30])).toEqual({ count: 3, median: 20, p90: 28 });
  });

  it("a share keeps its counts and has no percentage of nothing", () => {
    expect(share(2, 3)).toEqual({ part: 2, whole: 3, percent: 67 });
    expect(share(0, 0)).toEqual({ part: 0, whole: 0, percent: null });
  });
});
