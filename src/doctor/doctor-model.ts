// What `azdo-requeue doctor` finds: one verdict per check, the credential and identity it ran as, and the
// exit code (0 all required checks pass, 2 configuration error, 3 authentication or permission failure).

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'not-verified' | 'skipped';

export type CheckId =
  | 'configuration'
  | 'credential'
  | 'identity'
  | 'server'
  | 'project'
  | 'repositories'
  | 'pull-requests'
  | 'pull-request-checks'
  | 'permission-contribute'
  | 'permission-queue-builds';

export interface DoctorCheck {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, one or more lines; server text in it is already sanitised. */
  readonly detail: string;
  /** The service's code when there is one: `TF401027`, `TF200016`, `HTTP 401`. */
  readonly code?: string;
  /** The exact change that makes the check pass; never "turn the protection off" (checklist D4). */
  readonly fix?: string;
  /** Why a failure fails: `auth` (exit 3) or `config` (exit 2). */
  readonly failure?: 'auth' | 'config';
}

export interface DoctorCredential {
  readonly kind: string;
  readonly source: string;
  readonly scheme: 'Bearer' | 'Basic';
  readonly tokenShape: string;
  readonly why: string;
  /** Whole minutes, only when knowable (checklist D1). */
  readonly expiresInMinutes?: number;
  readonly lifetime: string;
  readonly warnings: readonly string[];
}

export type IdentityKind =
  | 'project-build-service'
  | 'collection-build-service'
  | 'user'
  | 'service-principal'
  | 'anonymous'
  | 'unknown';

export interface DoctorIdentity {
  readonly kind: IdentityKind;
  readonly displayName: string;
  /** `Build\<guid>` for build identities: the name TF401027 messages use. */
  readonly account?: string;
  /** For a project-scoped build service: the project it belongs to. */
  readonly projectName?: string;
  /** What this identity means for the job authorization scope settings and for this tool. */
  readonly meaning: string;
}

/** Which Azure DevOps the collection URL reached (describe-server.ts). */
export interface DoctorServer {
  /** `Azure DevOps Services`, `Azure DevOps Server 2020`, … */
  readonly product: string;
  /** The highest REST version the server lists, e.g. `6.0`; absent when it did not say. */
  readonly restVersion?: string;
  /** False below REST 5.0 (Team Foundation Server 2018 and older). */
  readonly supported: boolean;
}

export interface DoctorReport {
  readonly schemaVersion: 1;
  readonly command: 'doctor';
  readonly organization?: string;
  readonly project?: string;
  readonly credential?: DoctorCredential;
  readonly identity?: DoctorIdentity;
  readonly server?: DoctorServer;
  readonly checks: readonly DoctorCheck[];
  readonly exitCode: 0 | 2 | 3;
}

/** 3 when any check failed for authentication or permission, else 2 for a configuration failure, else 0. */
export function doctorExitCode(checks: readonly DoctorCheck[]): 0 | 2 | 3 {
  const failures = checks.filter((check) => check.status === 'fail');
  if (failures.some((check) => check.failure === 'auth')) return 3;
  if (failures.length > 0) return 2;
  return 0;
}
