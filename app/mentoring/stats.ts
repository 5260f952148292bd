/**
 * Percentiles for the response-time report. Linear interpolation between ranks (numpy's
 * default, Excel's PERCENTILE.INC), so the median of an even count is the mean of the two
 * middle values, as people expect, and a moderator can check a figure by hand.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

export type Spread = { count: number; median: number | null; p90: number | null };

export function spread(values: readonly number[]): Spread {
  return { count: values.length, median: percentile(values, 50), p90: percentile(values, 90) };
}

/** A share with its counts, never a bare percentage; null when there is nothing to divide. */
export type Share = { part: number; whole: number; percent: number | null };

export function share(part: number, whole: number): Share {
  return { part, whole, percent: whole === 0 ? null : Math.round((part / whole) * 100) };
}
