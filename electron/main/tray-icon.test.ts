import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trayIconDir, trayIconFile } from './tray-icon';

const root = join(import.meta.dirname, '../..');

describe('tray icons', () => {
  it('uses a template image on macOS and a coloured PNG elsewhere', () => {
    expect(trayIconFile('darwin')).toBe('trayTemplate.png');
    expect(trayIconFile('linux')).toBe('tray.png');
    expect(trayIconFile('win32')).toBe('tray.png');
  });

  it('finds them in the checkout, or in the resources folder once packaged', () => {
    expect(trayIconDir({ packaged: false, appPath: '/src/roletray', resourcesPath: '/x' })).toBe(
      join('/src/roletray', 'resources', 'tray'),
    );
    expect(
      trayIconDir({ packaged: true, appPath: '/x/app.asar', resourcesPath: '/opt/RoleTray/resources' }),
    ).toBe(join('/opt/RoleTray/resources', 'tray'));
  });

  it('has every icon it names, with its @2x, as PNGs of the right size', () => {
    const dir = trayIconDir({ packaged: false, appPath: root, resourcesPath: '' });
    const sizes: Record<string, number> = {
      'trayTemplate.png': 18,
      'trayTemplate@2x.png': 36,
      'tray.png': 32,
      'tray@2x.png': 64,
    };
    for (const [file, size] of Object.entries(sizes)) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.subarray(1, 4).toString('ascii'), file).toBe('PNG');
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], file).toEqual([size, size]);
    }
    // electron-builder needs at least 512 px to make the macOS and Windows icons.
    const appIcon = readFileSync(join(root, 'build', 'icon.png'));
    expect(appIcon.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(existsSync(join(dir, trayIconFile('darwin')))).toBe(true);
  });
});
