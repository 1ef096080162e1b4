import { afterEach, expect, it, vi } from 'vitest';
import { SecretClipboard, type ClipboardAccess } from './secret-clipboard';

// A copied secret leaves the clipboard after its time, but only while the clipboard still holds it.

afterEach(() => {
  vi.useRealTimers();
});

/** A clipboard of one text, as the OS's is. */
function clipboard(readable = true): ClipboardAccess & { text: string } {
  const board: ClipboardAccess & { text: string } = {
    text: '',
    writeClipboard: async (text) => {
      board.text = text;
    },
  };
  if (readable) board.readClipboard = async () => board.text;
  return board;
}

it('clears its copy after the time, and says how long it stays', async () => {
  vi.useFakeTimers();
  const board = clipboard();
  const secrets = new SecretClipboard(board, () => 45_000);
  expect(await secrets.copy('export AWS_SECRET_ACCESS_KEY=s')).toBe(45_000);
  expect(board.text).toBe('export AWS_SECRET_ACCESS_KEY=s');
  await vi.advanceTimersByTimeAsync(44_000);
  expect(board.text).toBe('export AWS_SECRET_ACCESS_KEY=s');
  await vi.advanceTimersByTimeAsync(1_000);
  expect(board.text).toBe('');
});

it('leaves what the user copied since, and a newer copy of its own restarts the time', async () => {
  vi.useFakeTimers();
  const board = clipboard();
  const secrets = new SecretClipboard(board, () => 1_000);
  await secrets.copy('first');
  await board.writeClipboard('the user’s own text');
  await vi.advanceTimersByTimeAsync(2_000);
  expect(board.text).toBe('the user’s own text');
  await secrets.copy('second');
  await vi.advanceTimersByTimeAsync(500);
  await secrets.copy('third');
  await vi.advanceTimersByTimeAsync(700);
  expect(board.text).toBe('third');
  await vi.advanceTimersByTimeAsync(300);
  expect(board.text).toBe('');
});

it('clears at once when asked (quitting), and never clears a clipboard it cannot read', async () => {
  const board = clipboard();
  const secrets = new SecretClipboard(board);
  await secrets.copy('secret');
  await secrets.clear();
  expect(board.text).toBe('');
  const blind = clipboard(false);
  const unread = new SecretClipboard(blind);
  expect(await unread.copy('secret')).toBeUndefined();
  await unread.clear();
  expect(blind.text).toBe('secret');
  // A setting of 0: copies stay until replaced.
  expect(await new SecretClipboard(clipboard(), () => 0).copy('kept')).toBeUndefined();
});
