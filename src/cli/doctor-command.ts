// `azdo-requeue doctor`: process glue around src/doctor. Secrets are registered (and, in Azure Pipelines,
// announced with ##vso[task.setsecret]) the moment they are known, before any request or report (checklist B1).
import {
  authorizationOf,
  createHttpDoctorApi,
  CredentialError,
  describeTokenLifetime,
  type DoctorCredential,
  formatDoctorJson,
  formatDoctorText,
  minutesUntil,
  parseOrganizationUrl,
  reportCredentialFailure,
  runDoctor,
} from '../index.js';
import type { CliIo } from './cli-io.js';
import { DOCTOR_HELP, parseDoctorArgs } from './parse-doctor-args.js';
import { EXIT } from './exit-codes.js';
import { noticeLoopbackHttp, resolveCliCredential } from './resolve-cli-credential.js';
import { UsageError } from './command-line.js';

export async function runDoctorCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseDoctorArgs(argv, io.env);
  if (options.help) {
    io.writeStdout(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (options.organization === undefined) {
    throw new UsageError('no organization: pass --org URL (in a pipeline, SYSTEM_COLLECTIONURI is used)');
  }
  const organization = parseOrganizationUrl(options.organization);
  const debug = options.debug
    ? (line: string) => io.writeStderr(`azdo-requeue: debug: ${line}\n`)
    : undefined;
  const print = (text: string): void => io.writeStdout(text);
  const render = options.output === 'json' ? formatDoctorJson : formatDoctorText;

  let resolved;
  try {
    resolved = await resolveCliCredential(options, organization, io);
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    const report = reportCredentialFailure(
      { organization: organization.url, project: options.project },
      error.message,
    );
    print(render(report));
    return report.exitCode;
  }
  noticeLoopbackHttp(organization, io);

  const { credential } = resolved;
  const expiresAt = credential.expiresAt();
  const minutes = minutesUntil(expiresAt, io.clock.now());
  const doctorCredential: DoctorCredential = {
    kind: credential.kind,
    source: credential.source,
    scheme: credential.scheme,
    tokenShape: credential.tokenShape,
    why: resolved.why,
    ...(minutes === undefined ? {} : { expiresInMinutes: minutes }),
    lifetime: describeTokenLifetime(expiresAt, io.clock.now()),
    warnings: resolved.warnings,
  };
  const api = createHttpDoctorApi({
    organization,
    ...authorizationOf(credential),
    clock: io.clock,
    userAgent: `azdo-requeue/${io.version} (doctor)`,
    apiVersion: options.apiVersion,
    redact: (text) => io.secrets.redact(text),
    signal: io.stopSignal,
    ...(debug ? { logger: { debug } } : {}),
  });
  const report = await runDoctor(
    {
      organization: organization.url,
      project: options.project,
      repositories: options.repositories,
      credential: doctorCredential,
      credentialKind: credential.kind,
    },
    api,
  );
  print(render(report));
  return report.exitCode;
}
