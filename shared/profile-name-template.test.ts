import { expect, it } from 'vitest';
import { collidingNames, profileName, templateProblem } from './profile-name-template';

// The template's checks as the window shows them: each refusal main's schema makes is a sentence
// here first, and roles named alike are found before anything is written.

const dev = { accountId: '210987654321', accountName: 'Acme Dev', roleName: 'DeveloperAccess' };
const devRead = { ...dev, roleName: 'ReadOnlyAccess' };

it('names a role by its fields, as main writes it', () => {
  expect(profileName('{account}.{role}', dev)).toBe('acme-dev.developeraccess');
  expect(profileName('{accountId}-{role}', dev)).toBe('210987654321-developeraccess');
});

it('says what is wrong with a template main would refuse', () => {
  expect(templateProblem('{account}.{role}')).toBeUndefined();
  expect(templateProblem('')).toBe('Type a template, such as {account}.{role}.');
  expect(templateProblem('{acount}.{role}')).toBe(
    '{acount} is not a field: use {account}, {accountId} or {role}.',
  );
  expect(templateProblem('{account} {role}')).toBe(
    '“ ” cannot be in a profile name: use letters, digits, ., _ and - between the fields.',
  );
  expect(templateProblem('{account.{role}')).toBe(
    'A { or } is not closed: fields are {account}, {accountId} and {role}.',
  );
  expect(templateProblem('x'.repeat(65))).toBe('A template is at most 64 characters; this one has 65.');
});

it('finds roles the template names alike', () => {
  expect(collidingNames('{account}.{role}', [dev, devRead])).toBeUndefined();
  expect(collidingNames('{account}', [dev, devRead])).toEqual({ name: 'acme-dev', roles: [dev, devRead] });
});
