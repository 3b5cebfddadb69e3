import { describe, expect, it } from 'vitest';
import { parseUrl, queryBoolean, queryInteger } from './parse-url.js';

describe('parseUrl', () => {
  it('decodes segments and keeps the raw URL', () => {
    const url = parseUrl('/org/my%20proj/_apis/git/PullRequests?x=1');

    expect(url.raw).toBe('/org/my%20proj/_apis/git/PullRequests?x=1');
    expect(url.segments).toEqual(['org', 'my proj', '_apis', 'git', 'PullRequests']);
    expect(url.lowerSegments).toEqual(['org', 'my proj', '_apis', 'git', 'pullrequests']);
    expect(url.path).toBe('/org/my proj/_apis/git/PullRequests');
    expect(url.rawQuery).toBe('x=1');
  });

  it('decodes parameter names and values, lower-casing names (%24top = $top)', () => {
    const url = parseUrl(
      '/o/_apis/x?%24top=5&$skip=2&searchCriteria.Status=Active&artifactId=vstfs%3A%2F%2F%2Fa%2Fb',
    );

    expect(url.query.get('$top')).toBe('5');
    expect(url.query.get('$skip')).toBe('2');
    expect(url.query.get('searchcriteria.status')).toBe('Active');
    expect(url.query.get('artifactid')).toBe('vstfs:///a/b');
  });

  it('keeps raw values az sends unencoded and tolerates malformed escapes', () => {
    const url = parseUrl(
      '/o/p/_apis/policy/evaluations?artifactId=vstfs:///CodeReview/CodeReviewId/g/7&bad=%E0%A4%A',
    );

    expect(url.query.get('artifactid')).toBe('vstfs:///CodeReview/CodeReviewId/g/7');
    expect(url.query.get('bad')).toBe('%E0%A4%A');
  });

  it('keeps the first of repeated parameters', () => {
    expect(parseUrl('/o?a=1&A=2').query.get('a')).toBe('1');
  });
});

describe('query readers', () => {
  it.each([
    ['true', true],
    ['True', true],
    ['FALSE', false],
    ['', undefined],
  ])('reads boolean %s', (value, expected) => {
    expect(queryBoolean(new Map([['flag', value]]), 'Flag')).toBe(expected);
  });

  it('reads integers, NaN for junk, undefined when absent', () => {
    const query = new Map([
      ['$top', '10'],
      ['$skip', 'x'],
    ]);

    expect(queryInteger(query, '$top')).toBe(10);
    expect(queryInteger(query, '$skip')).toBeNaN();
    expect(queryInteger(query, 'other')).toBeUndefined();
  });
});
