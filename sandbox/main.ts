import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeAwsFiles } from './src/aws-files';
import { loadScenario, ScenarioError } from './src/scenario';
import { startSandbox } from './src/server';

// `npm run sandbox -- --port 0 --aws-dir DIR [--scenario FILE] [--verbose] [--latency-ms N] [--bandwidth-mbps M]`
// Prints `ready http://127.0.0.1:PORT` once the AWS files are written; stops on SIGINT/SIGTERM.

function fail(message: string): never {
  process.stderr.write(`sandbox: ${message}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'aws-dir': { type: 'string', default: '.sandbox/aws' },
      scenario: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'latency-ms': { type: 'string', default: '0' },
      'bandwidth-mbps': { type: 'string' },
    },
  }).values;
} catch (error) {
  fail(
    `${(error as Error).message}\nusage: npm run sandbox -- --port PORT --aws-dir DIR [--scenario FILE] [--verbose] [--latency-ms N] [--bandwidth-mbps M]`,
  );
}

const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, not '${args.port}'`);
const latencyMs = Number(args['latency-ms']);
if (!Number.isFinite(latencyMs) || latencyMs < 0)
  fail(`--latency-ms must be a number >= 0, not '${args['latency-ms']}'`);
const bandwidth = args['bandwidth-mbps'];
const bandwidthMbps = bandwidth === undefined ? undefined : Number(bandwidth);
if (bandwidthMbps !== undefined && !(bandwidthMbps > 0))
  fail(`--bandwidth-mbps must be a number > 0, not '${bandwidth}'`);

try {
  const scenario = loadScenario(args.scenario ? resolve(args.scenario) : undefined);
  const sandbox = await startSandbox({
    scenario,
    port,
    latencyMs,
    ...(bandwidthMbps === undefined ? {} : { bandwidthMbps }),
    ...(args.verbose ? { onRequest: (line: string) => process.stderr.write(`${line}\n`) } : {}),
  });
  const awsDir = resolve(args['aws-dir']);
  await writeAwsFiles(sandbox, awsDir, { webIdentityProfiles: true, identityCenterProfiles: true });
  process.stdout.write(`ready ${sandbox.endpoint}\n`);
  process.stdout.write(`aws files in ${awsDir} (config, credentials, sandbox.json, web-identity-token)\n`);
  const stop = (signal: string) => {
    process.stdout.write(`stopping on ${signal}\n`);
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  if (error instanceof ScenarioError) fail(error.message);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') fail(`port ${port} is already in use; pass --port 0 to pick a free one`);
  if (code === 'EACCES') fail(`cannot write or listen: ${(error as Error).message}`);
  throw error;
}
