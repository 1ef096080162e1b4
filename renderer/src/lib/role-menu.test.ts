import { describe, expect, it } from 'vitest';
import { itemForKey, roleMenuItems } from './role-menu';

const press = (key: string, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('roleMenuItems', () => {
  it('offers Assume without a session and Renew with one, each on Enter', () => {
    const idle = roleMenuItems({ active: false, busy: false, favourite: false });
    expect(idle[0]).toMatchObject({ id: 'assume', label: 'Assume', shortcut: { shown: 'Enter' } });
    const active = roleMenuItems({ active: true, busy: false, favourite: false });
    expect(active[0]).toMatchObject({ id: 'renew', label: 'Renew', disabled: false });
  });

  it('disables what needs a session without one, and the session actions while one runs', () => {
    const idle = roleMenuItems({ active: false, busy: false, favourite: false });
    const disabled = (items: typeof idle) => items.filter((item) => item.disabled).map((item) => item.id);
    expect(disabled(idle)).toEqual(['end', 'browse']);
    const busy = roleMenuItems({ active: true, busy: true, favourite: false });
    expect(disabled(busy)).toEqual(['renew', 'end', 'browse', 'console', 'terminal', 'copy-env']);
  });

  it('has one distinct key per item', () => {
    const keys = roleMenuItems({ active: true, busy: false, favourite: true }).map(
      (item) => item.shortcut.key,
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('says which way the favourite goes', () => {
    expect(roleMenuItems({ active: false, busy: false, favourite: true }).at(-1)!.label).toBe(
      'Remove from favourites',
    );
  });
});

describe('itemForKey', () => {
  const items = roleMenuItems({ active: true, busy: false, favourite: false });
  it('maps letters in either case and Enter', () => {
    expect(itemForKey(items, press('c'))?.id).toBe('console');
    expect(itemForKey(items, press('C'))?.id).toBe('console');
    expect(itemForKey(items, press('Enter'))?.id).toBe('renew');
    expect(itemForKey(items, press('x'))?.id).toBe('end');
  });

  it('leaves keys with Ctrl, Alt or Meta and unknown keys alone', () => {
    expect(itemForKey(items, press('c', { ctrlKey: true }))).toBeUndefined();
    expect(itemForKey(items, press('c', { metaKey: true }))).toBeUndefined();
    expect(itemForKey(items, press('q'))).toBeUndefined();
  });
});
