import { describe, expect, it } from 'vitest';
import type { RoleView } from '../../../shared/profiles-view';
import { roleColor, toCssHex, toMetadataColor } from './role-color';

const base: RoleView = {
  name: 'prod',
  accountId: '123456789012',
  roleName: 'R',
  roleArn: 'arn:aws:iam::123456789012:role/R',
  chain: ['prod', 'dev'],
  metadata: {},
};

describe('toCssHex', () => {
  it.each([
    ['ffaa00', '#ffaa00'],
    ['#FFAA00', '#ffaa00'],
    ['f0a', '#ff00aa'],
    [' 00ff00 ', '#00ff00'],
    ['red', undefined],
    ['ffaa0', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('%j → %j', (input, css) => {
    expect(toCssHex(input)).toBe(css);
  });
});

describe('roleColor', () => {
  it("prefers the user's colour, then the config's, else none", () => {
    expect(roleColor(base)).toBeUndefined();
    expect(roleColor({ ...base, configColor: '00ff00' })).toBe('#00ff00');
    expect(roleColor({ ...base, configColor: '00ff00', metadata: { color: 'ff0000' } })).toBe('#ff0000');
    expect(roleColor({ ...base, configColor: '0f0', metadata: { color: 'bogus' } })).toBe('#00ff00');
  });
});

describe('toMetadataColor', () => {
  it('strips the # and expands short forms', () => {
    expect(toMetadataColor('#AABBCC')).toBe('aabbcc');
    expect(toMetadataColor('#abc')).toBe('aabbcc');
    expect(toMetadataColor('nope')).toBeUndefined();
  });
});
