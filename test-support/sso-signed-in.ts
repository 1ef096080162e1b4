import { loadScenario } from '../sandbox/src/scenario';
import type { SandboxOptions } from '../sandbox/src/server';
import { startTestSandbox, type TestSandbox, type TestSandboxOptions } from './sandbox';
import { signInWithDeviceCode, SSO_SCOPES } from './sso';

// A sandbox with a real IAM Identity Center sign-in, for the tests of what RoleTray does with the
// portal: the access token from the device flow, the instance's start URL, and what the sandbox
// itself holds (every account with its role names) to compare a listing against.

export interface SignedInSandbox {
  t: TestSandbox;
  startUrl: string;
  region: string;
  accessToken: string;
  /** The sandbox's own accounts, in its order, with the role names assigned in each. */
  expectedAccounts: () => { accountId: string; accountName: string; roles: string[] }[];
}

/** `generatedAccounts`: how many generated accounts the instance has (300 in the scenario). */
export async function startSignedInSandbox(
  options: TestSandboxOptions & { generatedAccounts?: number } = {},
): Promise<SignedInSandbox> {
  const { generatedAccounts, ...rest } = options;
  const sandboxOptions: SandboxOptions = { ...rest };
  if (generatedAccounts !== undefined) {
    const scenario = loadScenario();
    const center = scenario.identityCenter!;
    scenario.identityCenter = {
      ...center,
      generatedAccounts: { seed: center.generatedAccounts?.seed ?? 1, count: generatedAccounts },
    };
    sandboxOptions.scenario = scenario;
  }
  const t = await startTestSandbox(sandboxOptions);
  const instance = t.sandbox.scenario.identityCenter!;
  const { accessToken } = await signInWithDeviceCode(
    t.sandbox.endpoint,
    instance.startUrl,
    instance.users[0]!.password,
    {
      scopes: SSO_SCOPES,
    },
  );
  return {
    t,
    startUrl: instance.startUrl,
    region: instance.region,
    accessToken,
    expectedAccounts: () =>
      t.sandbox.identityCenter!.center.accounts.map((account) => ({
        accountId: account.accountId,
        accountName: account.accountName,
        roles: [...account.roles.keys()],
      })),
  };
}
