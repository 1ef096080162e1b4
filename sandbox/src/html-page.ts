import type { SandboxResponse } from './s3';
import { escapeXml } from './xml';

// The small HTML pages the sandbox serves (the console federation's and the Identity Center
// sign-in's): no script, never cached, no referrer.

export function htmlPage(
  status: number,
  title: string,
  body: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  const html =
    `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${escapeXml(title)}</title></head>\n` +
    `<body>\n${body}\n</body>\n</html>\n`;
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
      ...headers,
    },
    body: html,
  };
}
