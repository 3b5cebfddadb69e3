// Renders a DoctorReport for a terminal or a pipeline log (text) or for programs (JSON, schemaVersion 1).
// Server text in the report is already sanitised; the CLI's writers redact secrets on top.
import type { CheckStatus, DoctorReport } from './doctor-model.js';

const LABELS: Readonly<Record<CheckStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  'not-verified': 'NOT VERIFIED',
  skipped: 'SKIPPED',
};
const INDENT = ' '.repeat(14);

export function formatDoctorText(report: DoctorReport): string {
  const scope = report.project === undefined ? '' : `, project "${report.project}"`;
  const lines = [`azdo-requeue doctor: ${report.organization ?? '(no organization)'}${scope}`, ''];
  for (const entry of report.checks) {
    const code = entry.code === undefined ? '' : ` [${entry.code}]`;
    lines.push(`${LABELS[entry.status].padEnd(INDENT.length)}${entry.title}${code}`);
    for (const line of entry.detail.split('\n')) lines.push(`${INDENT}${line}`);
    if (entry.fix !== undefined) {
      entry.fix
        .split('\n')
        .forEach((line, index) => lines.push(`${INDENT}${index === 0 ? 'fix: ' : '     '}${line}`));
    }
  }
  lines.push('', summaryLine(report), '');
  return lines.join('\n');
}

export function formatDoctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function summaryLine(report: DoctorReport): string {
  const failed = report.checks.filter((entry) => entry.status === 'fail').length;
  const unverified = report.checks.filter((entry) => entry.status === 'not-verified').length;
  const notVerified = unverified > 0 ? `, ${unverified} not verified` : '';
  if (report.exitCode === 0) return `Result: every required check passed${notVerified} (exit 0)`;
  const why = report.exitCode === 3 ? 'authentication or permission' : 'configuration';
  return `Result: ${failed} check(s) failed (${why})${notVerified} (exit ${report.exitCode})`;
}
