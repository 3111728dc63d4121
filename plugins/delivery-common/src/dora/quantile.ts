/**
 * Quantile by linear interpolation between closest ranks (numpy's default):
 * position q * (n - 1) in the ascending values. Null when there are none.
 */
export function quantile(sortedValues: number[], q: number): number | null {
  if (!(q >= 0 && q <= 1)) {
    throw new RangeError(`Quantile must be within [0, 1], got ${q}`);
  }
  if (sortedValues.length === 0) {
    return null;
  }
  const position = q * (sortedValues.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const fraction = position - lower;
  return (
    sortedValues[lower] + fraction * (sortedValues[upper] - sortedValues[lower])
  );
}
