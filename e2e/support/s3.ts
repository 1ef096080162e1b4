import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import type { AppPage } from './fixtures';
import { browseHash as appBrowseHash } from '../../shared/app-hash';
import { invokeOk, previewInfo, resetPreview } from './preview';
import { PREVIEW_AWS_DIR } from './preview-paths';

// The S3 browser through the bridge, as the Prod role (DevReadOnly-CrossAccount) sees the sandbox.

export const PROFILE = 'prod-read-only';
export const APP_BUCKET = 'acme-prod-app-data';
export const LOGS_BUCKET = 'acme-prod-event-logs';
export const EU_BUCKET = 'acme-prod-eu-archive';

/** Where the preview saves downloads (dev/preview/preview-downloads.ts: `<aws-dir>/downloads`). */
export const PREVIEW_DOWNLOADS = join(import.meta.dirname, '../..', PREVIEW_AWS_DIR, 'downloads');

/** `#browse=` for a place, as the app writes it (folders' "/" kept, everything else encoded). */
export function browseHash(bucket?: string, prefix = '', profile = PROFILE): string {
  return appBrowseHash({ profile, prefix, ...(bucket ? { bucket } : {}) });
}

/** Signed out of everything, then the Prod role assumed, then the browser opened at a place. */
export async function openBrowser(app: AppPage, bucket?: string, prefix = ''): Promise<void> {
  await resetPreview();
  await invokeOk('sessions:assume', { profile: PROFILE });
  const info = await previewInfo();
  await app.page.goto(`${info.url}${browseHash(bucket, prefix)}`);
}

/** The folder's grid, by the place it lists. */
export const folderGrid = (page: Page, bucket: string, prefix = ''): Locator =>
  page.getByRole('grid', { name: `Contents of s3://${bucket}/${prefix}`, exact: true });

/** An entry of the folder on screen, by the name it shows ("reports/", "revenue.csv"). */
export const entry = (page: Page, name: string): Locator =>
  page.getByRole('grid').getByRole('gridcell', { name, exact: true });

export const addressBar = (page: Page): Locator => page.getByRole('textbox', { name: 'S3 address' });

export const breadcrumb = (page: Page): Locator => page.getByRole('navigation', { name: 'Breadcrumb' });

export const objectPanel = (page: Page, name: string): Locator =>
  page.getByRole('complementary', { name, exact: true });

/** Goes to an address through the address bar. */
export async function goTo(page: Page, address: string): Promise<void> {
  await addressBar(page).fill(address);
  await addressBar(page).press('Enter');
}

/** A presigned GET made by main, fetched from Node: the object's bytes as S3 (the sandbox) serves them. */
export async function objectBytes(bucket: string, key: string): Promise<Buffer> {
  const { url } = await invokeOk('s3:presign', { profile: PROFILE, bucket, key, expiresInSeconds: 300 });
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${key} through a presigned URL answered ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

export const readDownload = (path: string): Promise<Buffer> => readFile(path);
