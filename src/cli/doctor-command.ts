// `azdo-requeue doctor`: process glue around src/doctor. Secrets are registered (and, in Azure Pipelines,
// announced with ##vso[task.setsecret]) the moment they are known, before any request or report (checklist B1).
import { authorizationOf } from '../auth/credential.js';
import { CredentialError } from '../auth/classify-token.js';
import { resolveCredential } from '../auth/resolve-credential.js';
import { createSecretRegistrar } from '../auth/secret-registrar.js';
import { describeTokenLifetime, minutesUntil } from '../auth/token-lifetime.js';
import { parseOrganizationUrl } from '../azure-devops/organization-url.js';
import type { DoctorCredential } from '../doctor/doctor-model.js';
import { formatDoctorJson, formatDoctorText } from '../doctor/format-doctor-report.js';
import { createHttpDoctorApi } from '../doctor/http-doctor-api.js';
import {
  DOCTOR_HELP,
  DoctorArgsError,
  parseDoctorArgs,
  type DoctorOptions,
} from '../doctor/parse-doctor-args.js';
import { reportCredentialFailure, runDoctor } from '../doctor/run-doctor.js';
import type { CliIo } from './cli-io.js';
import { EXIT } from './exit-codes.js';
import { UsageError } from './parse-args.js';

export async function runDoctorCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let options: DoctorOptions;
  try {
    options = parseDoctorArgs(argv, io.env);
  } catch (error) {
    throw error instanceof DoctorArgsError ? new UsageError(error.message) : error;
  }
  if (options.help) {
    io.writeStdout(DOCTOR_HELP);
    return EXIT.ok;
  }
  if (options.organization === undefined) {
    throw new UsageError('no organization: pass --org URL (in a pipeline, SYSTEM_COLLECTIONURI is used)');
  }
  const organization = parseOrganizationUrl(options.organization);
  const inPipeline = io.env['TF_BUILD']?.toLowerCase() === 'true';
  const register = createSecretRegistrar(
    io.secrets,
    inPipeline ? (form) => io.registerSecretWithAgent(form) : undefined,
  );
  const debug = options.debug
    ? (line: string) => io.writeStderr(`azdo-requeue: debug: ${line}\n`)
    : undefined;
  const print = (text: string): void => io.writeStdout(text);
  const render = options.output === 'json' ? formatDoctorJson : formatDoctorText;

  const pat = options.patStdin ? await io.readStdin() : io.env['AZURE_DEVOPS_EXT_PAT'];
  let resolved;
  try {
    resolved = await resolveCredential(options.auth, {
      jobToken: io.env['SYSTEM_ACCESSTOKEN'],
      pat,
      patSource: options.patStdin ? 'stdin' : 'AZURE_DEVOPS_EXT_PAT',
      env: io.env,
      organizationOrigin: organization.origin,
      managedIdentity: options.managedIdentity,
      onSecret: register,
      clock: io.clock,
      ...(debug ? { entra: { log: debug } } : {}),
    });
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    const report = reportCredentialFailure(
      { organization: organization.url, project: options.project },
      error.message,
    );
    print(render(report));
    return report.exitCode;
  }
  if (organization.isLoopbackHttp) {
    io.writeStderr(
      `azdo-requeue: notice: plain http to loopback ${organization.origin} (an emulator); anywhere else only https\n`,
    );
  }

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
