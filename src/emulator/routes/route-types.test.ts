import { describe, expect, it } from 'vitest';
import { findLocation } from '../discovery/locations.js';
import { ALL_ROUTES, describeRoutes } from './all-routes.js';
import { matchRoute } from './route-types.js';

function route(method: string, path: string) {
  const segments = path.split('/').filter((s) => s !== '');
  return matchRoute(
    ALL_ROUTES,
    method,
    segments.map((s) => s.toLowerCase()),
    segments,
  );
}

describe('route matching', () => {
  it('matches every segment case-insensitively and keeps parameters in their original case', () => {
    const match = route('GET', 'My Proj/_APIS/Git/Repositories/Repo-A/PULLREQUESTS/7');

    expect(match.kind).toBe('found');
    expect(match.kind === 'found' ? Object.fromEntries(match.params) : {}).toEqual({
      project: 'My Proj',
      repositoryId: 'Repo-A',
      pullRequestId: '7',
    });
  });

  it('keeps organization-level and project-level routes apart', () => {
    const org = route('GET', '_apis/git/pullRequests/7');
    const project = route('GET', 'proj/_apis/git/pullRequests/7');

    expect(org.kind === 'found' ? org.route.template : '').toBe('_apis/git/pullRequests/{pullRequestId}');
    expect(project.kind === 'found' ? project.route.template : '').toBe(
      '{project}/_apis/git/pullRequests/{pullRequestId}',
    );
  });

  it('tells a wrong method from an unknown path', () => {
    expect(route('DELETE', 'p/_apis/policy/evaluations/x').kind).toBe('wrongMethod');
    expect(route('GET', 'p/_apis/nothing').kind).toBe('none');
  });

  it('gives every versioned route a location from the recorded table', () => {
    const missing = describeRoutes().filter(
      (r) => r.locationId !== null && findLocation(r.locationId) === undefined,
    );

    expect(missing).toEqual([]);
  });
});
