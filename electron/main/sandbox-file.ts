// When `npm start` (or a test) runs the app against the built-in sandbox, ROLETRAY_SANDBOX names the
// sandbox.json it wrote. The app takes only two things from it: that it is a sandbox (shown in the
// UI) and the accounts' aliases. Keys and TOTP secrets in that file are left alone.

export interface SandboxSettings {
  sandbox: { configFile: string };
  accountAliases: Record<string, string>;
}

export function parseSandboxFile(text: string, path: string): SandboxSettings {
  let description: unknown;
  try {
    description = JSON.parse(text);
  } catch {
    throw new Error(`The sandbox description ${path} is not JSON.`);
  }
  const { configFile, accounts } = (description ?? {}) as { configFile?: unknown; accounts?: unknown };
  if (typeof configFile !== 'string' || !configFile) {
    throw new Error(`The sandbox description ${path} names no configFile.`);
  }
  const accountAliases: Record<string, string> = {};
  for (const account of Array.isArray(accounts) ? accounts : []) {
    const { id, alias } = (account ?? {}) as { id?: unknown; alias?: unknown };
    if (typeof id === 'string' && /^\d{12}$/.test(id) && typeof alias === 'string' && alias) {
      accountAliases[id] = alias;
    }
  }
  return { sandbox: { configFile }, accountAliases };
}
