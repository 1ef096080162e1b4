import type { RequestChannel } from '../shared/ipc-contract';

// The quick switcher's one channel, as the leak tests walk the contract: switcher:close with each
// reason it sends. It answers nothing but "done"; any other answer means the walk did not reach it.

export async function closeSwitcherEveryChannel(
  call: (channel: RequestChannel, payload: unknown) => Promise<unknown>,
): Promise<void> {
  for (const reason of ['done', 'escape', 'blur'] as const) {
    const answer = (await call('switcher:close', { reason })) as { ok?: boolean } | undefined;
    if (answer?.ok !== true) throw new Error(`switcher:close (${reason}) answered ${JSON.stringify(answer)}`);
  }
}
