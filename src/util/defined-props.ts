// Builds an object without the keys whose value is undefined. With `exactOptionalPropertyTypes` an optional key may be
// absent but not `undefined`, and a JSON shape (the reports, doctor's answer) must not carry a key whose value is
// missing; this says so once instead of `...(x === undefined ? {} : { x })` at every optional field.

/** `T` with each key that may hold undefined made optional, and the undefined taken out of its type. */
export type DefinedProps<T> = {
  [K in keyof T as undefined extends T[K] ? never : K]: T[K];
} & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/**
 * `props` without its undefined values, keys in the order given; spread it where those keys belong:
 * `{ id, ...definedProps({ rank, error }), checks }`. `null`, `0`, `''` and `false` are values and are kept.
 */
export function definedProps<T extends object>(props: T): DefinedProps<T> {
  const defined: Record<string, unknown> = {};
  // for…in over an object literal: its own keys only, and no array per key (the JSON report calls this per check).
  for (const key in props) {
    const value = props[key];
    if (value !== undefined) defined[key] = value;
  }
  // What the loop kept is exactly what the type says: the keys of `props` whose value is not undefined.
  return defined as DefinedProps<T>;
}
