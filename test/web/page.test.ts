import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, escapeHtml, renderPage } from '../../src/web/page.js';

describe('pages', () => {
  it('escapes every piece of text', () => {
    const html = renderPage({
      lang: 'en',
      title: '<t>',
      heading: '"><script>alert(1)</script>',
      paragraphs: ["it's & <b>"],
      tone: 'error',
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain('it&#39;s &#38; &#60;b&#62;');
    expect(escapeHtml(`&<>"'`)).toBe('&#38;&#60;&#62;&#34;&#39;');
  });

  it('allows exactly its own inline style through the CSP', () => {
    const html = renderPage({ lang: 'en', title: 't', heading: 'h', paragraphs: [], tone: 'info' });
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(CONTENT_SECURITY_POLICY).toContain(`'sha256-${hash}'`);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/);
  });
});
