import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SandboxDescription } from '../sandbox/src/aws-files';
import { totpAt } from '../sandbox/src/totp';
import { startPreview } from '../dev/preview/preview';

// `npm run preview -- [--port N] [--aws-dir DIR] [--build] [--info FILE]`: the real UI in a browser
// against the sandbox. Prints `preview http://127.0.0.1:PORT/?token=…` once everything is up, then
// where the sandbox's files are; SIGINT or SIGTERM stops it. `--info FILE` also writes
// {url, token, port, sandboxJson, endpoint} there for browser specs (removed again on stop).
// `npm run preview -- --mfa-code [--aws-dir DIR] [--user NAME]` prints the running preview's current
// MFA code.

const USAGE =
  'usage: npm run preview -- [--port N] [--aws-dir DIR] [--build] [--info FILE] [--roles N]\n' +
  '       npm run preview -- --mfa-code [--aws-dir DIR] [--user NAME]';

function fail(message: string, code = 1): never {
  process.stderr.write(`preview: ${message}\n`);
  process.exit(code);
}

function parseArguments() {
  try {
    return parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        'aws-dir': { type: 'string', default: '.sandbox/preview' },
        build: { type: 'boolean', default: false },
        info: { type: 'string' },
        roles: { type: 'string', default: '0' },
        'mfa-code': { type: 'boolean', default: false },
        user: { type: 'string', default: 'Tyler-Dev' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
}

const args = parseArguments();
const awsDir = resolve(args['aws-dir']);
const sandboxJson = join(awsDir, 'sandbox.json');

async function printMfaCode(user: string): Promise<void> {
  const description = JSON.parse(await readFile(sandboxJson, 'utf8')) as SandboxDescription;
  const device = description.users.find((candidate) => candidate.name === user)?.mfa;
  if (!device) fail(`${user} has no MFA device in ${sandboxJson}`);
  process.stdout.write(`${totpAt(device.secret, Date.now())}\n`);
}

async function preview(): Promise<void> {
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port must be 0..65535, not '${args.port}'`);
  const roles = Number(args.roles);
  if (!Number.isInteger(roles) || roles < 0 || roles > 100_000)
    fail(`--roles must be a whole number of generated roles, 0..100000, not '${args.roles}'`);
  const running = await startPreview({
    port,
    awsDir,
    build: args.build,
    generatedRoles: roles,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const infoFile = args.info ? resolve(args.info) : undefined;
  if (infoFile) {
    const { url, token, port: bridgePort, sandboxJson: json, endpoint } = running;
    const info = { url, token, port: bridgePort, sandboxJson: json, endpoint };
    // It holds the token: readable by this user only (a fresh file, so the mode applies).
    await rm(infoFile, { force: true });
    await writeFile(infoFile, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  }
  process.stdout.write(
    `preview ${running.url}\n` +
      `sandbox ${running.endpoint}, profiles in ${running.configFile}\n` +
      `sandbox.json ${running.sandboxJson} (keys; users[].mfa has each device's secret and otpauth:// URI)\n` +
      `MFA code: npm run preview -- --mfa-code --aws-dir ${awsDir} (a code works once)\n`,
  );
  const stop = () => {
    void running
      .close()
      .then(() => (infoFile ? rm(infoFile, { force: true }) : undefined))
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

(args['mfa-code'] ? printMfaCode(args.user) : preview()).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(`port ${args.port} is already in use; pass --port 0 to pick a free one`);
  if (code === 'ENOENT' && args['mfa-code'])
    fail(`no ${sandboxJson}: is a preview running with that --aws-dir?`);
  fail(error instanceof Error ? error.message : String(error));
});
