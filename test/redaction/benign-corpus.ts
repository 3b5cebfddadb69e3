// Text that looks a little like secrets but is not: it must pass every redactor unchanged
// (security-checklist.md B5 false-positive table; agent IsSimpleUrlNotMasked).

export const BENIGN_CORPUS: readonly string[] = [
  'https://dev.azure.com/contoso/Fabrikam/_apis/git/repositories/3411ebc1-d5aa-464f-9615-0b527bc66719/pullrequests?api-version=7.1',
  'https://contoso@dev.azure.com/contoso/Fabrikam/_git/web',
  'https://contoso.visualstudio.com/DefaultCollection/_apis/policy/evaluations?artifactId=vstfs%3A%2F%2F%2FCodeReview%2FCodeReviewId%2F1%2F42',
  'http://localhost:8080/tfs/DefaultCollection',
  'git@ssh.dev.azure.com:v3/contoso/Fabrikam/web',
  '3411ebc1-d5aa-464f-9615-0b527bc66719',
  '{0f3e1a2b-4c5d-6e7f-8091-a2b3c4d5e6f7}',
  '2026-11-28T12:34:56.789Z',
  'Sat, 28 Nov 2026 12:34:56 GMT',
  'da39a3ee5e6b4b0d3255bfef95601890afd80709',
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  'Build 20261128.3 (MjAyNjExMjguMw==) queued',
  'refs/heads/feature/token-refresh-and-basic-auth',
  'Fix Authorization header handling for Basic auth users',
  'Use Bearer tokens instead of PATs (see #1234)',
  'Bump eyJhbGciOi-parser from 1.2.3 to 1.2.4',
  'TF400813: The user is not authorized to access this resource.',
  'policy type fa4e907d-c16b-4a4c-9dfa-4906e5d171dd is "Build"',
  'retry-after: 30',
  'password reset instructions: see docs/auth.md',
  'C:\\agent\\_work\\1\\s\\src\\index.ts:12:7',
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
];
