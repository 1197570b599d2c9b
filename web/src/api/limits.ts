// The ranges the server accepts for projection options, read from its OpenAPI document (the C#
// contracts carry them as [Range] over ProjectionRecipe's constants), so the page's fields, its checks
// of links and bookmarks, and the server refuse exactly the same values. Only what the document cannot
// say is written here: UMAP's neighbours must also be fewer than the points, and the learning rate is
// "auto" or a positive number (a JSON element in the contract).

import openapi from '../../openapi.json';

export interface Limit {
  min: number;
  max: number;
  /** The minimum itself is refused (perplexity must be above 0). */
  minExclusive: boolean;
  integer: boolean;
}

interface PropertySchema {
  type?: unknown;
  minimum?: number | string;
  maximum?: number | string;
  exclusiveMinimum?: number | string | boolean;
}

const schemas = (openapi as unknown as { components: { schemas: Record<string, { properties?: Record<string, PropertySchema> }> } }).components.schemas;

/** The limit of one property of one schema; a property without one accepts any finite number. */
export function limitOf(schema: string, property: string): Limit {
  const p = schemas[schema]?.properties?.[property] ?? {};
  const types = Array.isArray(p.type) ? p.type : [p.type];
  const num = (v: unknown) => (v === undefined || v === null || typeof v === 'boolean' ? undefined : Number(v));
  let min = num(p.minimum) ?? -Number.MAX_VALUE;
  let minExclusive = false;
  // OpenAPI 3.1 writes an exclusive minimum as its own number; 3.0 as a flag beside `minimum`.
  if (typeof p.exclusiveMinimum === 'boolean') minExclusive = p.exclusiveMinimum;
  else if (num(p.exclusiveMinimum) !== undefined) {
    min = num(p.exclusiveMinimum)!;
    minExclusive = true;
  }
  return { min, max: num(p.maximum) ?? Number.MAX_VALUE, minExclusive, integer: types.includes('integer') };
}

export const LIMITS = {
  perplexity: limitOf('TsneBlock', 'perplexity'),
  iterations: limitOf('TsneBlock', 'iterations'),
  neighbors: limitOf('UmapBlock', 'neighbors'),
  minDist: limitOf('UmapBlock', 'minDist'),
  epochs: limitOf('UmapBlock', 'epochs'),
  superviseFactor: limitOf('SuperviseBlock', 'factor'),
};

/** `limit` with its maximum lowered to `max` (UMAP's neighbours: fewer than the points). */
export function capped(limit: Limit, max: number): Limit {
  return { ...limit, max: Math.min(limit.max, max) };
}

/** Words for the range: "above 0 and at most 333", "between 2 and 99". */
export function describe(limit: Limit): string {
  const f = (v: number) => (Math.abs(v) >= Number.MAX_VALUE / 2 ? '' : String(v));
  const low = f(limit.min);
  const high = f(limit.max);
  if (low !== '' && high !== '') return limit.minExclusive ? `above ${low} and at most ${high}` : `between ${low} and ${high}`;
  if (low !== '') return limit.minExclusive ? `above ${low}` : `${low} or more`;
  return high !== '' ? `at most ${high}` : 'a number';
}

/** Null when `value` is in range, else one sentence naming `what` and the range. */
export function check(what: string, value: number, limit: Limit): string | null {
  const ok = Number.isFinite(value)
    && (limit.minExclusive ? value > limit.min : value >= limit.min)
    && value <= limit.max
    && (!limit.integer || Number.isInteger(value));
  return ok ? null : `${what} must be ${limit.integer ? 'a whole number ' : ''}${describe(limit)} (it was ${Number.isNaN(value) ? 'not a number' : value}).`;
}

/** Reads a field's text as a number: blank and non-numbers are NaN (never a silent default). */
export function numberOf(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}

/** Null when the learning rate is "auto" or a positive number. */
export function checkLearningRate(value: number | 'auto'): string | null {
  return value === 'auto' || (Number.isFinite(value) && value > 0) ? null : 'The learning rate must be "auto" or a positive number.';
}
