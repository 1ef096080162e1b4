// The environment variables that change how main runs, decided in one place. Test and sandbox
// switches exist for a checkout (tests, `npm start`, the demo); a packaged app ignores every one of
// them, so nothing in a user's environment can point it at another profile folder, a fake AWS or
// open its test hooks. ROLETRAY_HANDOFF_DIR is a user setting instead: the shipped
// roletray-credentials helper reads it too, and both sides must agree on where the socket is.

/** What each checkout-only switch is, by variable. */
export const CHECKOUT_ONLY_SWITCHES = {
  /** The electron-vite dev server's page, instead of the built renderer. */
  devServerUrl: 'ELECTRON_RENDERER_URL',
  /** A throwaway `userData` folder, so tests never touch the user's own profile. */
  userDataDir: 'ROLETRAY_USER_DATA',
  /** The sandbox's `sandbox.json`: the UI's sandbox badge and the accounts' aliases. */
  sandboxFile: 'ROLETRAY_SANDBOX',
  /** `1`: the test hooks Playwright's `_electron` reaches (test-hooks.ts). */
  testHooks: 'ROLETRAY_TEST',
} as const;

export const HANDOFF_DIR_VARIABLE = 'ROLETRAY_HANDOFF_DIR';

export interface SwitchesInForce {
  devServerUrl?: string;
  userDataDir?: string;
  sandboxFile?: string;
  testHooks: boolean;
  /** Honoured packaged or not. */
  handoffDir?: string;
}

export interface RuntimeSwitches {
  inForce: SwitchesInForce;
  /** The variables that were set but do not apply (a packaged app), in CHECKOUT_ONLY_SWITCHES order. */
  ignored: string[];
}

type Env = Record<string, string | undefined>;

export function runtimeSwitches(isPackaged: boolean, env: Env): RuntimeSwitches {
  // An empty variable counts as unset, as a shell's `VAR= cmd` means.
  const set = (name: string) => env[name] || undefined;
  const handoffDir = set(HANDOFF_DIR_VARIABLE);
  const common: SwitchesInForce = { testHooks: false, ...(handoffDir ? { handoffDir } : {}) };
  if (isPackaged) {
    const ignored = Object.values(CHECKOUT_ONLY_SWITCHES).filter((name) => set(name) !== undefined);
    return { inForce: common, ignored };
  }
  const { devServerUrl, userDataDir, sandboxFile, testHooks } = CHECKOUT_ONLY_SWITCHES;
  const dev = set(devServerUrl);
  const userData = set(userDataDir);
  const sandbox = set(sandboxFile);
  return {
    inForce: {
      ...common,
      ...(dev ? { devServerUrl: dev } : {}),
      ...(userData ? { userDataDir: userData } : {}),
      ...(sandbox ? { sandboxFile: sandbox } : {}),
      testHooks: env[testHooks] === '1',
    },
    ignored: [],
  };
}

/** The one log line a packaged app writes about the switches it ignored; none when it ignored none. */
export function ignoredSwitchesNotice({ ignored }: RuntimeSwitches): string | undefined {
  if (ignored.length === 0) return undefined;
  return `Ignoring ${ignored.join(', ')}: a packaged app takes no test or sandbox switches.`;
}
