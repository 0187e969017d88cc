import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { parsePage } from './parse-page';

const dom = createNodeDom();
const page = (body: string) => parsePage(dom, `<!doctype html><html><head><title>t</title><meta name="description" content="d"></head><body>${body}</body></html>`, 'http://www.people.com.cn/n1/2019/0615/c1013-31153719.html');

describe('parsePage', () => {
  it('keeps the head (metadata reads it) and the article, drops scripts, styles and comments', () => {
    const doc = page('<style>p{}</style><!-- c --><?php x ?><p id="content">正文</p><script>x()</script><noscript>n</noscript><template><p>t</p></template>');
    expect(doc.querySelector('meta[name="description"]')?.getAttribute('content')).toBe('d');
    expect(doc.body.innerHTML).toBe('<p id="content">正文</p>');
  });

  it('unwraps SVG and MathML, keeping the HTML (and text) the parser put inside them', () => {
    const doc = page('<p>一</p><math><mi>x</mi><mtext><p>二</p><p>三</p>');
    expect(doc.body.innerHTML).toBe('<p>一</p><p>二</p><p>三</p>');
    expect(page('<svg><foreignObject><p>四</p></foreignObject><style>a{}</style></svg><p>五</p>').body.innerHTML).toBe('<p>四</p><p>五</p>');
  });

  it('renames handler attributes before parsing, so none is ever parsed', () => {
    const doc = page('<a href="/2" onclick="go()">下一页</a><img src=a.jpg onerror=x>');
    expect(doc.body.innerHTML).toBe('<a href="/2" x-click="go()">下一页</a><img src="a.jpg" x-error="x">');
  });

  it('drops names that would shadow document or form properties (DOM clobbering), and keeps the rest', () => {
    const doc = page(
      '<img name="createElement" src="a.jpg"><image name="body"><img id="__proto__" name="x" src="b.jpg">' +
        '<form name="getElementById"><input name="getAttribute"><input name="comment"></form>' +
        '<img name="photo" src="c.jpg"><div id="title">标题</div>',
    );
    const shadowing = [...doc.querySelectorAll('[name], [id]')].flatMap((el) =>
      ['name', 'id'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== null && (v in Object.getPrototypeOf(doc) || v in Object.getPrototypeOf(doc.createElement('form')))),
    );
    expect(shadowing).toEqual(['title']); // a <div id> shadows nothing: it stays (rules select by id)
    expect(doc.querySelector('img[name="photo"]')).not.toBeNull();
    expect(doc.querySelector('input[name="comment"]')).not.toBeNull();
    expect(typeof doc.createElement).toBe('function');
  });
});

describe('parsePage: MathML', () => {
  it('keeps a formula\'s words as plain text, no MathML element left', () => {
    const doc = parsePage(dom, '<p>Euler: <math alttext="e^{i\\pi}+1=0"><mi>e</mi></math> and <math><mi>a</mi><mo>+</mo><mi>b</mi></math>.</p>', 'http://x.example.com/');
    expect(doc.querySelector('math')).toBeNull();
    expect(doc.body.textContent).toContain('e^{i\\pi}+1=0');
    expect(doc.body.textContent?.replace(/\s/g, '')).toContain('a+b');
  });
});
