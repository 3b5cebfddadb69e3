// The Dockerfile's promises, checked on its text (no container engine runs here: the image build is SKIPPED):
// a Node 20 base, a non-root user, a health check on /healthz, serve listening on all interfaces inside it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
const instructions = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

describe('Dockerfile', () => {
  it('builds on and runs a Node 20 slim or alpine base', () => {
    const bases = instructions.filter((line) => line.startsWith('FROM '));
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^FROM node:20-(slim|alpine)\b/);
  });

  it('runs as a user other than root in the final stage', () => {
    const finalStage = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));
    const user = finalStage.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)\b/);
  });

  it('checks health on /healthz and starts serve bound inside the container', () => {
    expect(instructions.find((line) => line.startsWith('HEALTHCHECK '))).toContain('/healthz');
    const entry = instructions.find((line) => line.startsWith('ENTRYPOINT '));
    expect(entry).toContain('"serve"');
    expect(entry).toContain('"0.0.0.0"');
  });

  it('passes no secret in the image: no ENV or ARG names a token or the hook secret', () => {
    const secrets = instructions.filter((line) => /^(ENV|ARG) .*(SECRET|TOKEN|PAT)/i.test(line));
    expect(secrets).toEqual([]);
  });
});
