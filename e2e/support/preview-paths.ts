// Where the Playwright run's preview lives; shared by playwright.config.ts and the specs.
export const PREVIEW_PORT = 5200;
export const PREVIEW_AWS_DIR = '.sandbox/e2e';
export const PREVIEW_INFO = `${PREVIEW_AWS_DIR}/preview.json`;
