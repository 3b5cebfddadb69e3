// The exact fix for each authentication or authorization failure (never "turn the protection off").

export function authHint(code: string): string {
  if (code === 'TF401027') {
    return [
      'The identity lacks a permission the requeue needs. Grant it on the repository:',
      '  Project settings > Repositories > (repository) > Security > "{Project} Build Service ({org})"',
      '  (or "Project Collection Build Service ({org})"): "Contribute to pull requests" = Allow.',
      'Run `azdo-requeue doctor` to see which identity the job token is.',
    ].join('\n');
  }
  if (code === 'TF215106') {
    return [
      'The identity may not queue the build of this policy. Grant it on the pipeline:',
      "  Pipelines > (the policy's pipeline) > ... > Manage security > the build service identity:",
      '  "Queue builds" = Allow.',
      'Run `azdo-requeue doctor` to see which identity the job token is.',
    ].join('\n');
  }
  if (code === 'HTTP 401' || code === 'HTTP 203') {
    return [
      'The token was not accepted. In a pipeline, map the job token into the step:',
      '  env:',
      '    SYSTEM_ACCESSTOKEN: $(System.AccessToken)',
      'and check that the job has not outlived it. Outside a pipeline, check AZURE_DEVOPS_EXT_PAT.',
    ].join('\n');
  }
  if (code.startsWith('TF') || code === 'HTTP 403') {
    return 'The identity is not allowed to do this. Run `azdo-requeue doctor` for the identity and the missing permission.';
  }
  return '';
}

/** The fixes for the failed checks of a run, once per code, for stderr after the report. */
export function authHintsForCodes(codes: Iterable<string>): string[] {
  const seen = new Set<string>();
  const hints: string[] = [];
  for (const code of codes) {
    if (seen.has(code)) continue;
    seen.add(code);
    const hint = authHint(code);
    if (hint !== '') hints.push(`${code}: ${hint}`);
  }
  return hints;
}
