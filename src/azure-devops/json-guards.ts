// Hand-written narrowing for server JSON: the answers are checked at the boundary, never trusted by shape.
// (Chosen over zod: a handful of DTOs, no dependency; see docs/decisions/0005-validation-at-the-boundary.md.)

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readString(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

export function readNumber(object: JsonObject, key: string): number | undefined {
  const value = object[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Only a real JSON `true` counts: `"true"` or `1` in a context blob is not trusted as expired. */
export function readTrue(object: JsonObject, key: string): boolean {
  return object[key] === true;
}

export function readObject(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return isObject(value) ? value : undefined;
}

/** Thrown when a server answer lacks a field the tool needs; names the field so the message is actionable. */
export class UnexpectedShapeError extends Error {
  override readonly name = 'UnexpectedShapeError';
}

export function requireString(object: JsonObject, key: string, what: string): string {
  const value = readString(object, key);
  if (value === undefined) throw new UnexpectedShapeError(`${what} has no string "${key}"`);
  return value;
}

export function requireNumber(object: JsonObject, key: string, what: string): number {
  const value = readNumber(object, key);
  if (value === undefined) throw new UnexpectedShapeError(`${what} has no number "${key}"`);
  return value;
}

/** Unwraps `{"count":n,"value":[…]}`, the envelope of every collection (reference §1.4). */
export function readCollection(body: unknown, what: string): readonly unknown[] {
  if (!isObject(body) || !Array.isArray(body['value'])) {
    throw new UnexpectedShapeError(`${what}: expected {"count":n,"value":[…]}`);
  }
  return body['value'] as unknown[];
}
