import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import Conf from 'conf';
import type { DownloadProgress, ListingPage } from '../shared/s3-view';
import { dispatch } from '../electron/app/dispatch';
import { startAppServices, type AppServices } from '../electron/app/app-services';
import { MemoryKeyCipher } from '../dev/memory-key-cipher';
import type { SandboxDescription } from '../sandbox/src/aws-files';
import { bareListing } from './bare-listing';
import { round } from './stats';

// `npm run bench:s3-latency`: S3 as far away as it really is. One sandbox in a child process (so
// its XML does not share this event loop) at --latency-ms 30, and side by side in one run:
//   listing the 100,000 keys of acme-prod-event-logs/events/2026/11/: a bare SDK v3 ListObjectsV2
//     loop, `aws s3 ls --recursive`, and RoleTray's listing through dispatch and the event hub;
//   downloading the 10,000 objects of exports/2026/11/: `aws s3 cp --recursive` (its default 10
//     requests at once) and RoleTray's folder download through dispatch;
//   the first 1,000 rows of the big prefix against one bare ListObjectsV2 call.
// The AWS CLI (whichever `aws` is on PATH, given --endpoint-url) runs with its defaults and a HOME of
// its own holding the role's session. Figures are medians; the last line is one JSON object.

const LATENCY_MS = 30;
const BUCKET = 'acme-prod-event-logs';
const LIST_PREFIX = 'events/2026/11/';
const LIST_KEYS = 100_000;
const DOWNLOAD_PREFIX = 'exports/2026/11/';
const DOWNLOAD_OBJECTS = 10_000;
const LIST_RUNS = 3;
const FIRST_RUNS = 15;
const PROFILE = 'prod-read-only';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** `npm run sandbox` in its own process; resolves with its endpoint once it prints ready. */
function startSandboxProcess(awsDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'sandbox/main.ts',
      '--port',
      '0',
      '--aws-dir',
      awsDir,
      '--latency-ms',
      String(LATENCY_MS),
    ],
    { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^ready (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (match) resolve({ child, endpoint: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}: ${out}`)));
  });
}

/** Runs a command to its end; its stdout's line count and the wall time. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ ms: number; lines: number }> {
  const t0 = performance.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    for (const byte of chunk) if (byte === 10) lines++;
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve({ ms: performance.now() - t0, lines })
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 2000)}`)),
    ),
  );
}

const root = await mkdtemp(join(tmpdir(), 'roletray-bench-latency-'));
const awsDir = join(root, 'aws');
const { child: sandbox, endpoint } = await startSandboxProcess(awsDir);
let services: AppServices | undefined;
try {
  const description = JSON.parse(await readFile(join(awsDir, 'sandbox.json'), 'utf8')) as SandboxDescription;
  const downloads = join(root, 'downloads');
  await mkdir(downloads);
  services = await startAppServices({
    version: 'bench',
    sources: {
      env: {
        AWS_CONFIG_FILE: description.configFile,
        AWS_SHARED_CREDENTIALS_FILE: description.credentialsFile,
      },
      homeDir: root,
    },
    store: new Conf<Record<string, unknown>>({ cwd: join(root, 'store'), configName: 'roletray' }),
    cipher: new MemoryKeyCipher(),
    userName: 'bench',
    maintainEveryMs: 0,
    chooseDownloadDestination: async () => downloads,
  });
  const app = services;
  await app.core.manager.assume(PROFILE);
  const session = app.core.manager.activeSession(PROFILE)!.credentials;
  const bare = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
    },
  });

  // The AWS CLI's own HOME: the role's session as a profile, nothing else of this machine's.
  const cliHome = join(root, 'cli-home');
  await mkdir(join(cliHome, '.aws'), { recursive: true });
  await writeFile(
    join(cliHome, '.aws', 'credentials'),
    `[default]\naws_access_key_id = ${session.accessKeyId}\naws_secret_access_key = ${session.secretAccessKey}\naws_session_token = ${session.sessionToken}\n`,
  );
  await writeFile(join(cliHome, '.aws', 'config'), '[default]\nregion = us-east-1\n');
  const cliEnv: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: cliHome,
    AWS_CONFIG_FILE: join(cliHome, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(cliHome, '.aws', 'credentials'),
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_PAGER: '',
  };
  const cli = (...args: string[]) => run('aws', ['--endpoint-url', endpoint, ...args], cliEnv);

  let jobs = 0;
  /** RoleTray's listing through dispatch and the hub; `first` is when 1,000 rows had arrived. */
  async function roletrayListing(stopAfterFirst = false) {
    const listingId = `bench-${++jobs}`;
    const t0 = performance.now();
    let first = 0;
    let rows = 0;
    const done = new Promise<void>((resolve) => {
      const stop = app.hub.subscribe((event, payload) => {
        const page = payload as ListingPage;
        if (event !== 's3:listing' || page.listingId !== listingId) return;
        rows += page.entries.length;
        if (!first && rows >= 1000) {
          first = performance.now() - t0;
          if (stopAfterFirst) void dispatch(app.handlers, 's3:list-stop', { listingId });
        }
        if (page.done) {
          stop();
          resolve();
        }
      });
    });
    const started = await dispatch(app.handlers, 's3:list', {
      profile: PROFILE,
      bucket: BUCKET,
      prefix: LIST_PREFIX,
      listingId,
    });
    if (!started.ok) throw new Error(started.error.message);
    await done;
    return { ms: performance.now() - t0, first, rows };
  }

  async function roletrayDownload() {
    const downloadId = `bench-${++jobs}`;
    const t0 = performance.now();
    const last = new Promise<DownloadProgress>((resolve) => {
      const stop = app.hub.subscribe((event, payload) => {
        const progress = payload as DownloadProgress;
        if (event !== 's3:download' || progress.downloadId !== downloadId || !progress.done) return;
        stop();
        resolve(progress);
      });
    });
    const started = await dispatch(app.handlers, 's3:download', {
      profile: PROFILE,
      bucket: BUCKET,
      prefix: DOWNLOAD_PREFIX,
      downloadId,
    });
    if (!started.ok) throw new Error(started.error.message);
    const progress = await last;
    if (progress.error || progress.files !== DOWNLOAD_OBJECTS)
      throw new Error(`RoleTray's download ended with ${JSON.stringify(progress)}`);
    return { ms: performance.now() - t0, destination: progress.destination! };
  }

  const listRequest = { Bucket: BUCKET, Prefix: LIST_PREFIX, MaxKeys: 1000 };
  // Warm-up: JIT, connections, the app's client cache, the CLI's imports.
  await bareListing(bare, listRequest);
  await roletrayListing();
  await cli('s3', 'ls', `s3://${BUCKET}/${DOWNLOAD_PREFIX}`);

  const listing = { bare: [] as number[], cli: [] as number[], roletray: [] as number[] };
  for (let i = 0; i < LIST_RUNS; i++) {
    // RoleTray first: right after the CLI's run the sandbox is still collecting its garbage.
    const appRun = await roletrayListing();
    const bareRun = await bareListing(bare, listRequest);
    const cliRun = await cli('s3', 'ls', '--recursive', `s3://${BUCKET}/${LIST_PREFIX}`);
    for (const [name, rows] of [
      ['bare', bareRun.rows],
      ['aws s3 ls', cliRun.lines],
      ['roletray', appRun.rows],
    ] as const) {
      if (rows !== LIST_KEYS) throw new Error(`${name} listed ${rows} keys, not ${LIST_KEYS}`);
    }
    listing.bare.push(bareRun.ms);
    listing.cli.push(cliRun.ms);
    listing.roletray.push(appRun.ms);
  }

  const first = { bare: [] as number[], roletray: [] as number[] };
  for (let i = 0; i < FIRST_RUNS; i++) {
    const t0 = performance.now();
    await bare.send(new ListObjectsV2Command({ ...listRequest, Delimiter: '/', EncodingType: 'url' }));
    first.bare.push(performance.now() - t0);
    first.roletray.push((await roletrayListing(true)).first);
    // A stopped listing's requests are let go: give the sandbox a moment to forget them.
    await new Promise((resolve) => setTimeout(resolve, 3 * LATENCY_MS));
  }

  const cliTarget = join(root, 'cli-copy');
  const cliCopy = await cli(
    's3',
    'cp',
    '--recursive',
    '--only-show-errors',
    `s3://${BUCKET}/${DOWNLOAD_PREFIX}`,
    cliTarget,
  );
  const cliFiles = (await readdir(cliTarget)).length;
  if (cliFiles !== DOWNLOAD_OBJECTS)
    throw new Error(`aws s3 cp saved ${cliFiles} files, not ${DOWNLOAD_OBJECTS}`);
  const appCopy = await roletrayDownload();
  const appFiles = (await readdir(appCopy.destination)).filter((name) => !name.startsWith('.')).length;
  if (appFiles !== DOWNLOAD_OBJECTS)
    throw new Error(`RoleTray saved ${appFiles} files, not ${DOWNLOAD_OBJECTS}`);

  const m = (values: number[]) => round(median(values), 1);
  const x = (slow: number, fast: number) => `${round(slow / fast, 2)}x`;
  const result = {
    bench: 's3-latency',
    latencyMs: LATENCY_MS,
    listKeys: LIST_KEYS,
    bareSdkListMs: m(listing.bare),
    awsCliListMs: m(listing.cli),
    roletrayListMs: m(listing.roletray),
    firstPageMs: m(first.roletray),
    bareFirstPageMs: m(first.bare),
    downloadObjects: DOWNLOAD_OBJECTS,
    awsCliCopyMs: round(cliCopy.ms, 1),
    roletrayDownloadMs: round(appCopy.ms, 1),
  };
  console.log(
    `s3 at ${LATENCY_MS} ms: node ${process.version}, ${cpus().length} CPUs, sandbox in its own process`,
  );
  console.log(`listing ${LIST_KEYS.toLocaleString('en')} keys, median of ${LIST_RUNS} (ms):`);
  console.log(`  bare SDK v3 ListObjectsV2 loop   ${result.bareSdkListMs}`);
  console.log(`  aws s3 ls --recursive            ${result.awsCliListMs}`);
  console.log(
    `  RoleTray (dispatch)              ${result.roletrayListMs}  ` +
      `${x(result.bareSdkListMs, result.roletrayListMs)} faster than bare, ` +
      `${x(result.awsCliListMs, result.roletrayListMs)} than aws s3 ls (goal 5x)`,
  );
  console.log(`first 1,000 rows, median of ${FIRST_RUNS} (ms):`);
  console.log(`  one bare ListObjectsV2 call      ${result.bareFirstPageMs}`);
  console.log(
    `  RoleTray (dispatch)              ${result.firstPageMs}  ` +
      `${round(result.firstPageMs / result.bareFirstPageMs, 2)}x of one call (goal within 1.2x)`,
  );
  console.log(`downloading ${DOWNLOAD_OBJECTS.toLocaleString('en')} objects (ms):`);
  console.log(`  aws s3 cp --recursive            ${result.awsCliCopyMs}`);
  console.log(
    `  RoleTray folder download         ${result.roletrayDownloadMs}  ` +
      `${x(result.awsCliCopyMs, result.roletrayDownloadMs)} faster (goal 2x)`,
  );
  console.log(JSON.stringify(result));
  bare.destroy();
} finally {
  await services?.close();
  sandbox.kill('SIGTERM');
  await rm(root, { recursive: true, force: true });
}
