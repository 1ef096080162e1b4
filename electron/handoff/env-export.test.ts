import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ShellKind } from '../../shared/handoff-view';
import { exportLines, sessionEnv } from './env-export';

// The lines are pasted into real shells: each installed one is run here and must end up with the
// exact values, awkward characters included. Shells that are not installed are said to skip.

const AWKWARD = `it's "quoted" \\ $HOME \`date\` /+= ;|&`;
const credentials = {
  accessKeyId: 'ASIAEXAMPLEEXAMPLE12',
  secretAccessKey: `se/cr+et=${AWKWARD}`,
  sessionToken: 'IQoJb3JpZ2luX2VjE//////////wEaCXVzLWVhc3QtMSJH+token=',
  expiration: Date.UTC(2026, 11, 1, 21, 0, 0),
};
const variables = sessionEnv(credentials, 'eu-west-1');

const SHELLS: { kind: ShellKind; file: string; args: (script: string) => string[]; print: string }[] = [
  { kind: 'sh', file: '/bin/sh', args: (script) => ['-c', script], print: 'env' },
  { kind: 'fish', file: '/usr/bin/fish', args: (script) => ['-c', script], print: 'env' },
  {
    kind: 'powershell',
    file: '/usr/bin/pwsh',
    args: (script) => ['-NoProfile', '-Command', script],
    print: 'Get-ChildItem Env: | ForEach-Object { "$($_.Name)=$($_.Value)" }',
  },
];

describe('sessionEnv', () => {
  it('names the variables the CLI and SDKs read, with the expiry in ISO 8601', () => {
    expect(variables.map(([name]) => name)).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_CREDENTIAL_EXPIRATION',
    ]);
    expect(Object.fromEntries(variables)['AWS_CREDENTIAL_EXPIRATION']).toBe('2026-12-01T21:00:00.000Z');
    expect(sessionEnv({ accessKeyId: 'AKIA', secretAccessKey: 's' }).map(([name]) => name)).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
    ]);
  });

  it('writes each shell’s syntax', () => {
    expect(exportLines('sh', [['A', "x'y"]])).toBe("unset AWS_PROFILE\nexport A='x'\\''y'\n");
    expect(exportLines('fish', [['A', "x'y\\"]])).toBe("set -e AWS_PROFILE\nset -gx A 'x\\'y\\\\'\n");
    expect(exportLines('powershell', [['A', "x'y"]])).toBe(
      "Remove-Item Env:AWS_PROFILE -ErrorAction SilentlyContinue\n$Env:A = 'x''y'\n",
    );
  });
});

for (const shell of SHELLS) {
  const missing = existsSync(shell.file) ? undefined : `${shell.file} is not installed`;
  if (missing) console.warn(`env-export.test.ts: skipping the ${shell.kind} run: ${missing}`);
  it.skipIf(missing)(`${shell.kind} ends up with the exact values`, () => {
    const script = `${exportLines(shell.kind, variables)}\n${shell.print}`;
    const output = execFileSync(shell.file, shell.args(script), {
      encoding: 'utf8',
      env: { PATH: '/usr/bin:/bin', HOME: '/nonexistent', AWS_PROFILE: 'should-be-cleared' },
    });
    const seen = new Map(
      output.split('\n').flatMap((line) => {
        const at = line.indexOf('=');
        return at > 0 ? [[line.slice(0, at), line.slice(at + 1)] as const] : [];
      }),
    );
    for (const [name, value] of variables) expect(seen.get(name), name).toBe(value);
    expect(seen.has('AWS_PROFILE')).toBe(false);
  });
}
