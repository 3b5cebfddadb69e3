// The --help text: what the tool does, every flag, and examples a pipeline author can paste.

export const HELP_TEXT = `azdo-requeue: re-queue expired Azure DevOps pull-request build checks.

Usage:
  azdo-requeue [options]                 re-queue expired build checks of active pull requests
  azdo-requeue doctor [options]          check credential, identity and permissions; reads only (see --help there)
  azdo-requeue emulator [options]        run the local Azure DevOps emulator (see --help there)
  azdo-requeue serve [options]           requeue on git.push service hooks, as a service (see --help there)
  azdo-requeue hooks install|list|remove install, show or delete the service hook subscriptions for serve
                                         (see \`azdo-requeue hooks --help\`)

Scope (defaults come from the pipeline: SYSTEM_COLLECTIONURI, SYSTEM_TEAMPROJECTID):
  --org URL                 organization (alias --organization): https://dev.azure.com/ORG,
                            https://ORG.visualstudio.com or https://server/tfs/COLLECTION
                            (Azure DevOps Server 2019 or later; plain http only to loopback)
  --project NAME|ID         project to scan (repeatable)
  --all-projects            scan every project the token can read
  --repository NAME|ID      only pull requests into this repository (repeatable)
  --target-branch BRANCH    only pull requests into this branch: main or refs/heads/main (repeatable);
                            release/* = every branch starting with release/ (a trailing * only)

Selection (expired build-validation checks of active pull requests, by default):
  --include-drafts          also draft pull requests
  --include-conflicts       also pull requests with merge conflicts
  --include-manual          also build policies set to queue manually only
  --required-only           only blocking (required) build policies
  --max-requeues N          requeue at most N checks, readiest pull requests first; the rest are reported
  --max-builds-in-flight N  per pipeline definition, start builds only while fewer than N are queued or
                            running (Build API); the rest are reported as deferred for the next run
  --retry-failed            also requeue failed (rejected or broken) build checks whose build ran on older
                            commits than the pull request's current ones; never the same commits twice

Run:
  --dry-run                 plan and report, requeue nothing
  --output text|json        report format on stdout (json: one document, schemaVersion 1)
  --json                    the same as --output json
  --summary-file PATH       also write a Markdown run summary (checked writable before any request)
  --concurrency N           requests in flight at once (default 8)
  --timeout SECONDS         give up on the whole run after this long
  --debug                   trace HTTP calls on stderr (headers allow-listed, secrets redacted)
  --api-version auto|X.Y    REST version: auto (default) uses 7.1 and steps down to what an Azure DevOps
                            Server speaks (5.0 Server 2019, 6.0 Server 2020, 7.0 Server 2022); X.Y pins it

Credentials (never on the command line):
  --auth auto|job-token|entra|pat   default auto: SYSTEM_ACCESSTOKEN (the job token, as Bearer),
                            then Microsoft Entra ID when configured (service connection, workload or
                            managed identity; --auth entra also tries \`az login\`), then
                            AZURE_DEVOPS_EXT_PAT (a PAT, as Basic, with a warning); Entra ID only
                            in Azure DevOps Services, not on a Server
  --pat-stdin               read a PAT from standard input
  --managed-identity        Entra ID through this machine's Azure managed identity
  --allow-foreign-org       in a pipeline, let the job token go to an organization other than SYSTEM_COLLECTIONURI

  -h, --help                this text
  -v, --version             the version

Exit codes: 0 done (also nothing to do, dry run), 1 a requeue failed, 2 usage or configuration error,
            3 authentication or authorization failure, 130/143 interrupted (the report is still printed).

Examples:
  # in an Azure Pipelines script step (map the job token: env: SYSTEM_ACCESSTOKEN: $(System.AccessToken))
  npx azdo-requeue
  # only PRs into main of one repository, at most 5 builds, as JSON
  npx azdo-requeue --repository web --target-branch main --max-requeues 5 --output json
  # see what would happen across the organization
  npx azdo-requeue --org https://dev.azure.com/fabrikam --all-projects --dry-run
  # try it locally against the emulator
  npx azdo-requeue emulator
`;
