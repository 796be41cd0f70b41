// Small, self-contained HTML pages for the browser side of linking. All text
// is escaped; the only style is inline and allowed by its hash in the CSP.

import { createHash } from 'node:crypto';

import type { PageText } from '../text/en.js';

export interface PageContent extends PageText {
  /** A single button that POSTs back to the page's own address. */
  form?: { button: string };
}

const STYLE =
  'body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#313338;color:#f2f3f5;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}' +
  'main{max-width:32rem;margin:2rem;padding:2rem;background:#2b2d31;border-radius:12px;border-top:6px solid #5865f2}' +
  'h1{font-size:1.4rem;margin:0 0 1rem}p{line-height:1.5;margin:.5rem 0}' +
  '.success{border-top-color:#23a55a}.error{border-top-color:#f23f43}' +
  'form{margin-top:1.5rem}button{font:inherit;font-weight:600;color:#fff;background:#5865f2;border:0;border-radius:6px;padding:.7rem 1.4rem;cursor:pointer}' +
  'button:hover{background:#4752c4}';

export const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/**
 * Pages are static HTML: no script, only their own style. `formAction` lists
 * where a page's form may go, redirects included (Continue posts to us and is
 * redirected to X's authorize page); every other page may submit nothing.
 */
export function contentSecurityPolicy(formAction: string[] = []): string {
  return [
    "default-src 'none'",
    `style-src 'sha256-${STYLE_HASH}'`,
    "base-uri 'none'",
    `form-action ${formAction.length ? formAction.join(' ') : "'none'"}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderPage(page: PageContent): string {
  const form = page.form ? `<form method="post"><button type="submit">${escapeHtml(page.form.button)}</button></form>` : '';
  const body = page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('') + form;
  return (
    `<!doctype html><html lang="${escapeHtml(page.lang)}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<meta name="referrer" content="no-referrer">' +
    `<title>${escapeHtml(page.title)}</title><style>${STYLE}</style></head>` +
    `<body><main class="${page.tone}"><h1>${escapeHtml(page.heading)}</h1>${body}</main></body></html>`
  );
}
