// Finds the keys of a report object that are present but hold nothing (undefined or null): a JSON shape leaves a
// missing field out instead (reports, doctor's answer). Walks plain objects and arrays.

/** Paths such as `pullRequests[0].rank` of every key whose value is undefined or null. */
export function keysHoldingNothing(value: unknown, path = '$'): string[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => keysHoldingNothing(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    item === undefined || item === null ? [`${path}.${key}`] : keysHoldingNothing(item, `${path}.${key}`),
  );
}
