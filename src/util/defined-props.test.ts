import { describe, expect, it } from 'vitest';

import { definedProps } from './defined-props.js';

describe('definedProps', () => {
  it('leaves out the keys whose value is undefined, and keeps the order of the others', () => {
    const props = definedProps({ a: 1, b: undefined, c: 'x', d: undefined });

    expect(Object.keys(props)).toEqual(['a', 'c']);
    expect('b' in props).toBe(false);
    expect(JSON.stringify({ first: 0, ...props, last: 2 })).toBe('{"first":0,"a":1,"c":"x","last":2}');
  });

  it('keeps values that are present but falsy: null, 0, an empty string, false', () => {
    expect(definedProps({ a: null, b: 0, c: '', d: false })).toEqual({ a: null, b: 0, c: '', d: false });
  });

  it('is an empty object when nothing is defined', () => {
    expect(Object.keys(definedProps({ a: undefined }))).toEqual([]);
  });
});
