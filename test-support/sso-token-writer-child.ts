import { nodeCacheFileFs, type CacheFileFs } from '../electron/core/cache-file';
import { writeSsoToken } from '../electron/core/sso/token-cache';

// A writer killed mid-write, for electron/core/sso/token-cache.test.ts: writes a token to argv[2]
// through a file system that stops after half the bytes, says `mid-write` on stdout, and waits to
// be killed.

const [file] = process.argv.slice(2);
const halting: CacheFileFs = {
  ...nodeCacheFileFs,
  open: async (path, flags, mode) => {
    const handle = await nodeCacheFileFs.open(path, flags, mode);
    return {
      sync: () => handle.sync(),
      close: () => handle.close(),
      writeFile: async (data, encoding) => {
        await handle.writeFile(data.slice(0, data.length / 2), encoding);
        await handle.sync();
        process.stdout.write('mid-write\n');
        // A pending promise alone would let Node exit: a timer keeps the writer alive until killed.
        setInterval(() => undefined, 60_000);
        await new Promise(() => undefined);
      },
    };
  },
};
await writeSsoToken(
  file!,
  { accessToken: 'new-token-'.repeat(1000), expiresAt: Date.now() + 3600_000, extra: {} },
  halting,
);
