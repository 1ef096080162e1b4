import { cpus } from 'node:os';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startCoreHarness } from '../test-support/core-harness';
import { figures, round, timed } from './stats';

// `npm run bench:assume`: what the sessions core adds to a role switch. In one run, against the same
// in-process sandbox: (1) a bare SDK v3 AssumeRole loop with one reused client; (2) the core's
// assume with renew (profile lookup, a new STS client per call so it signs with the core's clock,
// the call, error mapping, and the encrypted write of the credential cache to its store).
// Prints both and their ratio; nothing is asserted.

const CALLS = 300;
const ROLE = 'arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount';

const harness = await startCoreHarness();
try {
  const raw = new STSClient({
    endpoint: harness.t.sandbox.endpoint,
    region: 'us-east-1',
    credentials: harness.t.userKeys('Tyler-Dev'),
  });
  const rawCall = () =>
    raw.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'bench', DurationSeconds: 3600 }));
  const coreCall = () => harness.manager.assume('prod-read-only', { renew: true });
  // Warm up both paths (module loading, JIT, connection setup).
  await timed(30, async () => void (await rawCall()));
  await timed(30, async () => void (await coreCall()));

  const rawRun = await timed(CALLS, async () => void (await rawCall()));
  const coreRun = await timed(CALLS, async () => void (await coreCall()));
  const rawFigures = figures(rawRun.latencies, rawRun.seconds);
  const coreFigures = figures(coreRun.latencies, coreRun.seconds);
  const ratio = round(coreFigures.meanMs / rawFigures.meanMs, 2);

  console.log(
    `assume overhead: node ${process.version}, ${cpus().length} CPUs, ${CALLS} sequential calls each`,
  );
  console.log('path                         per s  mean ms  p95 ms');
  for (const [name, row] of [
    ['raw SDK AssumeRole', rawFigures],
    ['core assume (renew)', coreFigures],
  ] as const) {
    console.log(
      `${name.padEnd(27)} ${String(row.perSecond).padStart(6)} ${String(row.meanMs).padStart(8)} ${String(row.p95Ms).padStart(7)}`,
    );
  }
  console.log(`core / raw mean latency: ${ratio}x`);
  console.log(
    JSON.stringify({
      bench: 'assume-overhead',
      date: new Date().toISOString(),
      node: process.version,
      calls: CALLS,
      raw: rawFigures,
      core: coreFigures,
      ratio,
    }),
  );
  raw.destroy();
} finally {
  await harness.stop();
}
