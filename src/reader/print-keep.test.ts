import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { setUpPrintKeep } from './print-keep';

/** The reader's marker above page n. */
const marker = (n: number): string => `<div class="page-marker" data-reader-ui><a href="#${n}">Page ${n}</a></div>`;
const BODY =
  `<div class="article-body"><section data-page="1"><p>一</p></section>${marker(2)}<section data-page="2"><p>二</p><p>二b</p></section>` +
  `${marker(3)}<div class="page-failed" data-reader-ui><p>missing</p></div>${marker(4)}<section data-page="4"><figure><img alt=""></figure><p>四</p></section></div>`;

describe('setUpPrintKeep', () => {
  it('while printing, each page marker shares one box with the first block it announces; afterwards all is as before', () => {
    const { window } = new JSDOM(`<!doctype html><body><main id="reader-content">${BODY}</main></body>`);
    const doc = window.document;
    const content = doc.getElementById('reader-content') as HTMLElement;
    setUpPrintKeep(doc);
    const before = content.innerHTML;

    window.dispatchEvent(new window.Event('beforeprint'));
    const keeps = [...content.querySelectorAll('.print-keep')];
    expect(keeps.map((k) => [k.parentElement?.matches('section[data-page], .page-failed'), k.children[0]?.textContent, k.children[1]?.outerHTML])).toEqual([
      [true, 'Page 2', '<p>二</p>'],
      [true, 'Page 3', '<p>missing</p>'],
      [true, 'Page 4', '<figure><img alt=""></figure>'],
    ]);
    // The rest of each page stays in its section, in order.
    expect(content.querySelector('section[data-page="2"]')?.textContent).toBe('Page 2二二b');
    // A second beforeprint (print dialog opened twice) does not nest boxes.
    window.dispatchEvent(new window.Event('beforeprint'));
    expect(content.querySelectorAll('.print-keep .print-keep').length).toBe(0);
    expect(content.querySelectorAll('.print-keep').length).toBe(3);

    window.dispatchEvent(new window.Event('afterprint'));
    expect(content.innerHTML).toBe(before);
  });
});
