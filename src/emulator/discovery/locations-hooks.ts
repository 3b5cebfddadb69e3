// Recorded hooks-area resource locations for OPTIONS discovery: the two the emulator serves (routes/hook-routes.ts),
// subscriptions (create, list, get, delete) and a subscription's notifications. The area's other resources
// (consumers, publishers, queries, test notifications) are not served, so they are not announced either.
// Source: shared/azdo-rest-specs/recorded/options-locations.json (a real OPTIONS {org}/_apis answer, §2.3),
// one record per line: id area resourceName routeTemplate resourceVersion minVersion maxVersion releasedVersion.
export const HOOKS_LOCATION_LINES: readonly string[] = [
  'fc50d02a-849f-41fb-8af1-0a5216103269 hooks subscriptions _apis/{area}/{resource}/{subscriptionId} 1 1.0 7.2 7.1',
  '0c62d343-21b0-4732-997b-017fde84dc28 hooks notifications _apis/{area}/subscriptions/{subscriptionId}/{resource}/{notificationId} 1 1.0 7.2 7.1',
];
