import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { buildCredentialsCli } from './build-credentials-cli';
import { chooseBackend, electronExecutable, MISSING_ELECTRON } from './launch-plan';

// `npm start`: build, then run the app against the user's AWS config, or against the built-in
// sandbox (started here, stopped with the app) when there is none yet.

const root = join(import.meta.dirname, '..');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(command, args, { cwd: root, env, stdio: 'inherit' });
}

function exitCode(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Starts `npm run sandbox` and resolves with its endpoint once it has written its AWS files. */
function startSandbox(awsDir: string): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sandbox/main.ts', '--port', '0', '--aws-dir', awsDir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^ready (\S+)$/m.exec(output);
      if (match) resolve({ child, endpoint: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`the sandbox exited (${code}) before it was ready`)));
  });
}

async function main(): Promise<number> {
  const electron = electronExecutable();
  if (!electron) {
    process.stderr.write(`${MISSING_ELECTRON}\n`);
    return 1;
  }
  const buildCode = await exitCode(
    run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']),
  );
  if (buildCode !== 0) return buildCode;
  // The helper the app's credential_process block names.
  await buildCredentialsCli();

  const backend = chooseBackend(process.argv.slice(2), process.env);
  const env = { ...process.env };
  let sandbox: ChildProcess | undefined;
  if (backend.kind === 'sandbox') {
    const awsDir = join(root, '.sandbox', 'aws');
    const started = await startSandbox(awsDir);
    sandbox = started.child;
    Object.assign(env, {
      AWS_CONFIG_FILE: join(awsDir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(awsDir, 'credentials'),
      ROLETRAY_SANDBOX: join(awsDir, 'sandbox.json'),
    });
    process.stdout.write(
      `Using the built-in AWS sandbox at ${started.endpoint} because ${backend.reason}; its profiles are in ${awsDir}/config.\n`,
    );
  }
  const app = run(electron, [root], env);
  const forward = (signal: NodeJS.Signals) => app.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await exitCode(app);
  sandbox?.kill('SIGTERM');
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `RoleTray could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
