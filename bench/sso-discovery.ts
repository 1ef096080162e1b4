import { performance } from 'node:perf_hooks';
import { discoverAccounts } from '../electron/core/sso/account-discovery';
import { PortalListing } from '../electron/core/sso/portal-listing';
import { startSignedInSandbox } from '../test-support/sso-signed-in';
import { round } from './stats';

// `npm run bench:sso-discovery`: discovering every account and role of the sandbox's Identity
// Center (Dev, Prod and 300 generated accounts) with the portal's default throttle (20 requests a
// second, a burst of 20) and the app's default pacer, signed in with a real device-flow token.
// Prints the time to the first account's roles and to the full list, the requests made, and the
// 429s seen and retried; the last line is the figures as one JSON object.

const s = await startSignedInSandbox();
try {
  const listing = new PortalListing({
    startUrl: s.startUrl,
    endpoint: s.t.sandbox.endpoint,
    accessToken: async () => s.accessToken,
  });
  const started = performance.now();
  let firstMs: number | undefined;
  let accounts = 0;
  let roles = 0;
  for await (const account of discoverAccounts(listing)) {
    firstMs ??= performance.now() - started;
    accounts++;
    roles += account.roles.length;
  }
  const fullMs = performance.now() - started;
  const expected = s.expectedAccounts();
  if (accounts !== expected.length)
    throw new Error(`found ${accounts} accounts, the sandbox has ${expected.length}`);
  const result = {
    accounts,
    roles,
    firstAccountMs: round(firstMs ?? fullMs, 1),
    fullListMs: round(fullMs, 1),
    requests: listing.stats.requests,
    throttled429: listing.stats.throttled,
    retried: listing.stats.retried,
    requestsPerSecond: round(listing.stats.requests / (fullMs / 1000), 1),
  };
  console.log(`accounts ${result.accounts}, roles ${result.roles}`);
  console.log(
    `first account's roles after ${result.firstAccountMs} ms, full list after ${result.fullListMs} ms`,
  );
  console.log(
    `${result.requests} requests (${result.requestsPerSecond}/s), ${result.throttled429} answered 429, ${result.retried} retried`,
  );
  console.log(JSON.stringify(result));
} finally {
  await s.t.stop();
}
