import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoleTrayError } from '../errors';
import { runCredentialProcess } from './credential-process';

// credential_process lines run for real: small Node scripts standing in for aws-vault, granted
// or a company's helper, each printing what such a tool prints, or failing as one can.

let dir: string;
const NOW = Date.parse('2026-12-02T10:00:00Z');
const options = { profile: 'vault', env: {}, timeoutMs: 5000, clock: () => NOW };
const node = JSON.stringify(process.execPath);

async function script(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, body);
  return `${node} ${JSON.stringify(path)}`;
}

async function failure(command: string, timeoutMs = 5000): Promise<string> {
  const error: unknown = await runCredentialProcess(command, { ...options, timeoutMs }).catch(
    (e: unknown) => e,
  );
  if (!isRoleTrayError(error, 'SourceCredentialsMissing'))
    throw new Error(`expected a refusal, got ${String(error)}`);
  return error.message;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray process dir '));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runCredentialProcess', () => {
  it('reads Version 1 output, with or without a session and an expiry', async () => {
    const temporary = await script(
      'temporary.mjs',
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: '2026-12-02T11:00:00Z' }))`,
    );
    expect(await runCredentialProcess(temporary, options)).toEqual({
      accessKeyId: 'ASIA1',
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: Date.parse('2026-12-02T11:00:00Z'),
    });
    const longTerm = await script(
      'long-term.mjs',
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'AKIA1', SecretAccessKey: 's' }))`,
    );
    expect(await runCredentialProcess(longTerm, options)).toEqual({
      accessKeyId: 'AKIA1',
      secretAccessKey: 's',
    });
  });

  it('splits the line like a shell and runs no shell: quoted words arrive whole, $HOME stays literal', async () => {
    const echo = await script(
      'argv.mjs',
      `console.log(JSON.stringify({ Version: 1, AccessKeyId: process.argv.slice(2).join('|'), SecretAccessKey: 's' }))`,
    );
    const result = await runCredentialProcess(`${echo} "a b" 'c d' e\\ f $HOME`, options);
    expect(result.accessKeyId).toBe('a b|c d|e f|$HOME');
  });

  it('says what went wrong, in the process’s own words where it gave some', async () => {
    expect(
      await failure(await script('fails.mjs', `console.error('vault is locked'); process.exit(3)`)),
    ).toBe('The credential_process of vault exited with status 3: vault is locked');
    expect(await failure(await script('silent.mjs', 'process.exit(1)'))).toBe(
      'The credential_process of vault exited with status 1 and said nothing on stderr.',
    );
    expect(await failure(await script('text.mjs', `console.log('AKIA… as text')`))).toBe(
      'The credential_process of vault printed something that is not JSON.',
    );
    expect(await failure(await script('v2.mjs', `console.log(JSON.stringify({ Version: 2 }))`))).toBe(
      'The credential_process of vault printed Version 2; the AWS CLI reads Version 1 only.',
    );
    expect(
      await failure(
        await script('half.mjs', `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'A' }))`),
      ),
    ).toBe('The credential_process of vault printed no SecretAccessKey.');
    expect(
      await failure(
        await script(
          'expired.mjs',
          `console.log(JSON.stringify({ Version: 1, AccessKeyId: 'A', SecretAccessKey: 's', Expiration: '2026-12-02T09:00:00Z' }))`,
        ),
      ),
    ).toBe('The credential_process of vault printed credentials that have already expired.');
    expect(await failure(JSON.stringify(join(dir, 'no-such-program')))).toMatch(
      /^The credential_process of vault could not start .*no-such-program: ENOENT\.$/,
    );
    expect(await failure('helper "unclosed')).toBe(
      'The credential_process of vault cannot be split into words: No closing quotation.',
    );
  });

  it('stops a process that does not answer in time', async () => {
    const hangs = await script('hangs.mjs', 'setInterval(() => {}, 1000)');
    const started = Date.now();
    expect(await failure(hangs, 300)).toBe(
      'The credential_process of vault did not answer within 0.3 s, so RoleTray stopped it.',
    );
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
