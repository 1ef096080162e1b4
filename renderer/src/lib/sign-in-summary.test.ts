import { expect, it } from 'vitest';
import type { IdentityCenterStatus } from '../../../shared/identity-center-view';
import { signInSummary } from './sign-in-summary';

const status = (signedIn: boolean, signingIn = false): IdentityCenterStatus => ({
  instance: 'x',
  startUrl: 'https://d-1234567890.awsapps.com/start',
  signedIn,
  signingIn,
});

it('says where the sign-ins stand in a few words', () => {
  expect(signInSummary([status(false), undefined])).toBe('not signed in');
  expect(signInSummary([status(true)])).toBe('signed in');
  expect(signInSummary([status(true), status(true)])).toBe('signed in');
  expect(signInSummary([status(true), status(false)])).toBe('1 of 2 signed in');
  expect(signInSummary([status(true), status(false, true)])).toBe('signing in…');
});
