import type { FileCredentials } from '../electron/handoff/credentials-sections';

// One RoleTray section and the credentials it holds, for the credentials-file tests: the text
// tests (credentials-sections.test.ts) and the real-file ones (credentials-file.test.ts).

export const SECTION = 'roletray-handoff';
export const NOW = Date.UTC(2026, 11, 1, 20, 0, 0);
export const CREDS: FileCredentials = {
  accessKeyId: 'ASIAEXAMPLE1',
  secretAccessKey: 'wJalr/XUtnFEMI+K7MDENG=bPxRfiCY',
  sessionToken: 'IQoJb3JpZ2luX2Vj/EHYa+CXVzLWVhc3Qt==',
  expiration: Date.UTC(2026, 11, 1, 21, 0, 0),
};
export const CREDS2: FileCredentials = {
  accessKeyId: 'ASIAEXAMPLE2',
  secretAccessKey: 'other+secret/value=',
  sessionToken: 'FwoGZXIvYXdzE=/+second==',
  expiration: Date.UTC(2026, 11, 1, 22, 30, 0),
};
export const MARKER =
  '# Managed by RoleTray until 2026-12-01T21:00:00Z: removed when the session ends. Do not edit.';
export const OURS = [
  `[${SECTION}]`,
  MARKER,
  'aws_access_key_id = ASIAEXAMPLE1',
  'aws_secret_access_key = wJalr/XUtnFEMI+K7MDENG=bPxRfiCY',
  'aws_session_token = IQoJb3JpZ2luX2Vj/EHYa+CXVzLWVhc3Qt==',
];

/** Lines joined by LF, with a final one. */
export const lf = (...lines: string[]) => `${lines.join('\n')}\n`;
