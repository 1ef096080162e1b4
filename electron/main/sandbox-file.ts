// When `npm start` (or a test) runs the app against the built-in sandbox, ROLETRAY_SANDBOX names the
// sandbox.json it wrote. The app takes only three things from it: that it is a sandbox (shown in the
// UI), the accounts' aliases, and its console federation endpoint, which must be on loopback (a
// session sent there to open the console never leaves the machine). Keys and TOTP secrets in that
// file are left alone.

export interface SandboxSettings {
  sandbox: { configFile: string };
  accountAliases: Record<string, string>;
  federationEndpoint?: string;
}

function loopbackFederation(endpoint: unknown): string | undefined {
  if (typeof endpoint !== 'string') return undefined;
  try {
    const url = new URL(endpoint);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost';
    return url.protocol === 'http:' && loopback ? `${url.origin}/federation` : undefined;
  } catch {
    return undefined;
  }
}

export function parseSandboxFile(text: string, path: string): SandboxSettings {
  let description: unknown;
  try {
    description = JSON.parse(text);
  } catch {
    throw new Error(`The sandbox description ${path} is not JSON.`);
  }
  const { configFile, accounts, endpoint } = (description ?? {}) as {
    configFile?: unknown;
    accounts?: unknown;
    endpoint?: unknown;
  };
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
  const federationEndpoint = loopbackFederation(endpoint);
  return { sandbox: { configFile }, accountAliases, ...(federationEndpoint ? { federationEndpoint } : {}) };
}
