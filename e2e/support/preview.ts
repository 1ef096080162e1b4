import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IpcResult, RequestChannel, RequestOf, ResponseOf } from '../../shared/ipc-contract';
import type { SandboxDescription } from '../../sandbox/src/aws-files';
import { PREVIEW_INFO } from './preview-paths';
import { DEFAULT_SETTINGS } from '../../shared/settings-view';

// The preview the webServer started: its page URL (with the token), and the sandbox behind it. The
// info file may be left over from an earlier run, so it counts only once its token opens the page.

export interface PreviewInfo {
  url: string;
  token: string;
  port: number;
  sandboxJson: string;
  endpoint: string;
}

const ROOT = join(import.meta.dirname, '../..');
let cached: PreviewInfo | undefined;

async function readInfo(): Promise<PreviewInfo | undefined> {
  try {
    return JSON.parse(await readFile(join(ROOT, PREVIEW_INFO), 'utf8')) as PreviewInfo;
  } catch {
    return undefined;
  }
}

export async function previewInfo(): Promise<PreviewInfo> {
  if (cached) return cached;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const info = await readInfo();
    if (info) {
      const response = await fetch(info.url).catch(() => undefined);
      if (response?.ok) {
        cached = info;
        return info;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no running preview answers with the token in ${PREVIEW_INFO}`);
}

export async function sandboxDescription(): Promise<SandboxDescription> {
  const info = await previewInfo();
  return JSON.parse(await readFile(info.sandboxJson, 'utf8')) as SandboxDescription;
}

/** A request to the app's services through the bridge, as the page's shim (or the tray) makes it. */
export async function bridgeRequest<C extends RequestChannel>(
  channel: C,
  payload: RequestOf<C>,
): Promise<IpcResult<ResponseOf<C>>> {
  const info = await previewInfo();
  const response = await fetch(new URL(`/invoke/${channel}`, info.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${info.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload === undefined ? {} : { request: payload }),
  });
  return (await response.json()) as IpcResult<ResponseOf<C>>;
}

/** `window.roletray.invoke`'s signature, from Node. */
export function invoke<C extends RequestChannel>(
  channel: C,
  ...request: RequestOf<C> extends void ? [] : [RequestOf<C>]
): Promise<IpcResult<ResponseOf<C>>> {
  return bridgeRequest(channel, request[0] as RequestOf<C>);
}

export async function invokeOk<C extends RequestChannel>(
  channel: C,
  ...request: RequestOf<C> extends void ? [] : [RequestOf<C>]
): Promise<ResponseOf<C>> {
  const result = await invoke(channel, ...request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value;
}

/** Every test starts signed out, with no favourites, names or colours set by an earlier one. */
export async function resetPreview(): Promise<void> {
  await invokeOk('sessions:end-all');
  // Settings as a new install has them (a spec's dark theme must not reach the next spec).
  await invokeOk('settings:set', DEFAULT_SETTINGS);
  const view = await invokeOk('profiles:list');
  for (const role of view.roles) {
    const { displayName, color, favourite } = role.metadata;
    if (displayName === undefined && color === undefined && favourite === undefined) continue;
    await invokeOk('profiles:update-metadata', {
      profile: role.name,
      patch: { displayName: null, color: null, favourite: null },
    });
  }
}
