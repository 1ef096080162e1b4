import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { loadSharedConfigFiles } from '@smithy/shared-ini-file-loader';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxDescription } from '../src/aws-files';

// The sandbox as users start it: `npm run sandbox -- --port 0 --aws-dir DIR`, in its own process.

const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'roletray-main-'));
  dirs.push(dir);
  return dir;
}

function startCli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts', ...args], {
    cwd: join(import.meta.dirname, '../..'),
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /^ready (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`sandbox exited with ${code} before ready: ${stderr}`)));
  });
  ready.catch(() => undefined); // tests that expect an early exit never await `ready`
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe('npm run sandbox', () => {
  it('writes the AWS files before printing ready, serves them, and stops cleanly on SIGTERM', async () => {
    const awsDir = join(await tempDir(), 'aws');
    const cli = startCli(['--port', '0', '--aws-dir', awsDir]);
    const endpoint = await cli.ready;

    const description = JSON.parse(
      await readFile(join(awsDir, 'sandbox.json'), 'utf8'),
    ) as SandboxDescription;
    expect(description.endpoint).toBe(endpoint);
    for (const file of ['config', 'credentials', 'sandbox.json']) {
      expect((await stat(join(awsDir, file))).mode & 0o777).toBe(0o600);
    }
    const tyler = description.users.find((user) => user.name === 'Tyler-Dev')!;
    expect(tyler.mfa?.serial).toBe('arn:aws:iam::210987654321:mfa/Tyler-Dev');
    expect(tyler.mfa?.secret).toMatch(/^[A-Z2-7]{32}$/);

    // The files parse with the SDK's own loader into the scenario's profiles.
    const { configFile, credentialsFile } = await loadSharedConfigFiles({
      filepath: join(awsDir, 'credentials'),
      configFilepath: join(awsDir, 'config'),
    });
    expect(configFile['prod-read-only']).toMatchObject({
      role_arn: 'arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount',
      source_profile: 'dev',
      endpoint_url: endpoint,
      region: 'us-east-1',
    });
    expect(configFile['prod-read-only-mfa']).toMatchObject({
      role_arn: 'arn:aws:iam::123456789012:role/DevReadOnlyAccesswithMFA',
      mfa_serial: tyler.mfa?.serial,
    });
    expect(configFile['contractor']).toMatchObject({ endpoint_url: endpoint });
    // The CLI writes the Identity Center profiles too (the preview's config leaves them out).
    expect(configFile['sso-dev']).toMatchObject({ sso_session: 'roletray-sandbox', endpoint_url: endpoint });
    expect(description.identityCenter?.users[0]?.userName).toBe('tyler.dev@acme.example');
    expect(credentialsFile['dev']).toEqual({
      aws_access_key_id: tyler.accessKeyId,
      aws_secret_access_key: tyler.secretAccessKey,
    });

    const sts = new STSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: tyler.accessKeyId, secretAccessKey: tyler.secretAccessKey },
    });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(tyler.arn);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toContain('stopping on SIGTERM');
    await expect(fetch(endpoint)).rejects.toThrow();
  });

  it('explains an inconsistent scenario file and exits 2', async () => {
    const dir = await tempDir();
    const scenario = join(dir, 'broken.json');
    await writeFile(
      scenario,
      JSON.stringify({
        defaultRegion: 'us-east-1',
        accounts: [{ id: '42', alias: 'x' }],
        users: [],
        groups: [],
        roles: [],
        buckets: [],
        profiles: [],
      }),
    );
    const cli = startCli(['--aws-dir', join(dir, 'aws'), '--scenario', scenario]);
    await expect(cli.ready).rejects.toThrow();
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toContain('account id 42 is not 12 digits');
  });

  it('explains a scenario file that is not JSON', async () => {
    const dir = await tempDir();
    const scenario = join(dir, 'not-json.json');
    await writeFile(scenario, '{ "accounts": [');
    const cli = startCli(['--aws-dir', join(dir, 'aws'), '--scenario', scenario]);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toMatch(/Cannot read scenario .*not-json\.json/);
  });

  it('says when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const cli = startCli(['--port', String(port), '--aws-dir', join(await tempDir(), 'aws')]);
      expect(await cli.exited).toBe(2);
      expect(cli.output().stderr).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('rejects a bad --port and unknown options with usage', async () => {
    const badPort = startCli(['--port', 'eighty']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.output().stderr).toContain("--port must be 0..65535, not 'eighty'");
    const unknown = startCli(['--colour']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output().stderr).toContain('usage: npm run sandbox');
  });

  it('takes --latency-ms and --bandwidth-mbps, and refuses values that are not numbers', async () => {
    const awsDir = join(await tempDir(), 'aws');
    const slow = startCli([
      '--port',
      '0',
      '--aws-dir',
      awsDir,
      '--latency-ms',
      '60',
      '--bandwidth-mbps',
      '100',
    ]);
    const endpoint = await slow.ready;
    const t0 = performance.now();
    // Unsigned, so S3 refuses it: the refusal is held like any answer.
    expect((await fetch(`${endpoint}/acme-dev-scratch`)).status).toBe(403);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(59);
    const badLatency = startCli(['--latency-ms', 'soon']);
    expect(await badLatency.exited).toBe(2);
    expect(badLatency.output().stderr).toContain("--latency-ms must be a number >= 0, not 'soon'");
    const badBandwidth = startCli(['--bandwidth-mbps', '0']);
    expect(await badBandwidth.exited).toBe(2);
    expect(badBandwidth.output().stderr).toContain("--bandwidth-mbps must be a number > 0, not '0'");
  });
});
