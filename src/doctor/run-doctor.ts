// `azdo-requeue doctor`: which credential and why, who the token is, whether everything a requeue reads is
// readable, and whether the identity holds the two permissions a requeue needs. Read-only by construction: the
// DoctorApi port has no requeue (checklist D4).
import { sanitizeUntrustedText } from '../redaction/untrusted-text.js';
import type { ProjectRef } from '../requeue/model.js';
import { definedProps } from '../util/defined-props.js';
import { checkAccess } from './check-access.js';
import { checkPermissions } from './check-permissions.js';
import { describeIdentity } from './describe-identity.js';
import { describeServer } from './describe-server.js';
import type { DoctorApi } from './doctor-api.js';
import { asApiFailure, check, failedCall, isUnreachable, skipAfter } from './doctor-checks.js';
import { FIX } from './doctor-fixes.js';
import {
  doctorExitCode,
  type DoctorCheck,
  type DoctorCredential,
  type DoctorIdentity,
  type DoctorReport,
  type DoctorServer,
} from './doctor-model.js';

export interface DoctorInput {
  readonly organization: string;
  readonly project?: string | undefined;
  readonly repositories: readonly string[];
  readonly credential: DoctorCredential;
  /** `job-token`, `entra` or `pat`: chooses the fix for a rejected token. */
  readonly credentialKind: string;
}

export async function runDoctor(input: DoctorInput, api: DoctorApi): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [credentialCheck(input.credential)];
  let identity: DoctorIdentity | undefined;
  let server: DoctorServer | undefined = undefined;
  const report = (): DoctorReport => ({
    schemaVersion: 1,
    command: 'doctor',
    organization: input.organization,
    ...definedProps({ project: input.project }),
    credential: input.credential,
    ...definedProps({ identity, server }),
    checks,
    exitCode: doctorExitCode(checks),
  });

  let connectionData: unknown;
  try {
    connectionData = await api.connectionData();
    identity = describeIdentity(connectionData);
  } catch (error) {
    const failure = asApiFailure(error);
    if (failure.kind === 'auth' || isUnreachable(failure)) {
      checks.push(failedCall('identity', failure, FIX.tokenNotAccepted(input.credentialKind)));
      skipAfter(
        checks,
        failure.kind === 'auth' ? 'the token was not accepted' : 'the server was not reached',
      );
      return report();
    }
    checks.push(check('identity', 'not-verified', `not verified: ${sanitizeUntrustedText(failure.message)}`));
  }
  if (identity !== undefined) {
    const anonymous = identity.kind === 'anonymous';
    checks.push(
      check(
        'identity',
        anonymous ? 'fail' : 'pass',
        `${identity.displayName}\n${identity.meaning}`,
        anonymous ? { failure: 'auth', fix: FIX.tokenNotAccepted(input.credentialKind) } : {},
      ),
    );
    if (anonymous) {
      skipAfter(checks, 'the token was not accepted');
      return report();
    }
  }
  server = describeServer(connectionData, await api.serverRestVersion());
  checks.push(serverCheck(server));
  if (!server.supported) {
    skipAfter(checks, 'the server is too old');
    return report();
  }
  const identityName = identity?.displayName ?? 'the identity';

  if (input.project === undefined || input.project.trim() === '') {
    checks.push(
      check(
        'configuration',
        'fail',
        'no project: pass --project NAME (in a pipeline, SYSTEM_TEAMPROJECTID is used)',
        {
          failure: 'config',
        },
      ),
    );
    skipAfter(checks, 'no project');
    return report();
  }
  let project: ProjectRef;
  try {
    project = await api.project(input.project);
    checks.push(check('project', 'pass', `${sanitizeUntrustedText(project.name)} (${project.id})`));
  } catch (error) {
    const failure = asApiFailure(error);
    const fix =
      failure.kind === 'auth'
        ? FIX.readDenied(identityName, 'read the project')
        : FIX.projectNotFound(input.project, identity?.projectName);
    checks.push(failedCall('project', failure, fix));
    skipAfter(checks, 'the project is not readable');
    return report();
  }

  const findings = await checkAccess(api, project, input.repositories, identityName, checks);
  if (findings.repositories.length === 0 && !findings.complete) {
    skipAfter(checks, 'the repositories are not readable');
    return report();
  }
  await checkPermissions(
    api,
    project,
    findings,
    {
      organizationUrl: input.organization,
      explicitRepositories: input.repositories.length > 0,
      identityName,
    },
    checks,
  );
  return report();
}

function serverCheck(server: DoctorServer): DoctorCheck {
  if (server.restVersion === undefined) {
    return check(
      'server',
      'not-verified',
      `${server.product}; its REST API version was not reported (OPTIONS _apis/core had no answer): requests go as 7.1 and step down once if the server refuses`,
    );
  }
  const detail = `${server.product}, REST API ${server.restVersion}`;
  if (!server.supported) {
    return check('server', 'fail', detail, { failure: 'config', fix: FIX.serverTooOld });
  }
  const older = Number.parseFloat(server.restVersion) < 7.1;
  const how = older
    ? `the first request refused as 7.1 teaches the run to use ${server.restVersion} (policy evaluations ${server.restVersion}-preview.1), one OPTIONS per area`
    : 'requests go as 7.1 (policy evaluations 7.1-preview.1), nothing negotiated';
  return check('server', 'pass', `${detail}\n${how}`);
}

function credentialCheck(credential: DoctorCredential): DoctorCheck {
  const lines = [
    `${credential.kind} from ${credential.source}, sent as ${credential.scheme} (${credential.tokenShape} token); ${credential.lifetime}`,
    `why: ${credential.why}`,
    ...credential.warnings.map((warning) => `warning: ${warning}`),
  ];
  return check('credential', credential.warnings.length > 0 ? 'warn' : 'pass', lines.join('\n'));
}

/** The report when no credential could be resolved: the reason and its fix, every other check skipped. */
export function reportCredentialFailure(
  input: Pick<DoctorInput, 'organization' | 'project'>,
  message: string,
): DoctorReport {
  const [first = message, ...rest] = message.split('\n');
  const checks: DoctorCheck[] = [
    check('credential', 'fail', first, {
      failure: 'auth',
      fix: rest.length > 0 ? rest.join('\n') : undefined,
    }),
  ];
  skipAfter(checks, 'no credential');
  return {
    schemaVersion: 1,
    command: 'doctor',
    organization: input.organization,
    ...definedProps({ project: input.project }),
    checks,
    exitCode: doctorExitCode(checks),
  };
}
