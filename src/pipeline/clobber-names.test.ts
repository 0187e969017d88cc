import { describe, expect, it } from 'vitest';
import { createNodeDom } from '../cli/node-dom';
import { PAYLOADS } from '../../test/hostile/payloads';
import { CLOBBER_NAMES, isClobberingName } from './clobber-names';
import { parsePage } from './parse-page';

const dom = createNodeDom();
const parser = new dom.window.DOMParser();
const jsdomDoc = parser.parseFromString('<!doctype html><p>x', 'text/html');

/** The names on `obj` and along its prototype chain. */
function namesOf(obj: object): string[] {
  const out = new Set<string>();
  for (let p: object | null = obj; p; p = Object.getPrototypeOf(p) as object | null) for (const k of Object.getOwnPropertyNames(p)) out.add(k);
  return [...out];
}

describe('CLOBBER_NAMES', () => {
  it('holds every name of jsdom\'s document and form (what defusing read off jsdom\'s prototypes before)', () => {
    const names = [...namesOf(jsdomDoc), ...namesOf(jsdomDoc.createElement('form'))];
    expect(names.length).toBeGreaterThan(400);
    expect(names.filter((n) => !isClobberingName(n))).toEqual([]);
  });

  it('holds names jsdom lacks but browsers have (the list does not depend on the DOM at hand)', () => {
    // Chromium and Firefox: document.domain, document.fragmentDirective; Firefox: mozFullScreen; a form's innerText.
    for (const name of ['domain', 'fragmentDirective', 'mozFullScreen', 'innerText']) {
      expect(namesOf(jsdomDoc)).not.toContain(name);
      expect(isClobberingName(name)).toBe(true);
    }
  });

  it('holds every name the hostile payloads and the defusing tests try', () => {
    const tried = ['createElement', 'body', '__proto__', 'getElementById', 'getAttribute', 'attributes', 'parentNode', 'cookie', 'location', 'defaultView', 'adoptNode', 'firstElementChild'];
    const fromPayloads = PAYLOADS.filter((p) => p.category === 'clobbering').flatMap((p) => {
      const doc = parser.parseFromString(p.html ?? '', 'text/html');
      return [...doc.querySelectorAll('[name], [id]')].flatMap((el) => ['name', 'id'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== null));
    });
    // Every one that shadowed something in jsdom, plus those named above.
    const shadowing = fromPayloads.filter((v) => v in Object.getPrototypeOf(jsdomDoc) || v in Object.getPrototypeOf(jsdomDoc.createElement('form')));
    expect(shadowing.length).toBeGreaterThan(5);
    expect([...tried, ...shadowing].filter((n) => !isClobberingName(n))).toEqual([]);
  });

  it('holds no ordinary id or name', () => {
    for (const name of ['content', 'photo', 'comment', 'x', 'config', 'url', '__pwned', 'page-1', 'Body', 'createelement']) expect(isClobberingName(name)).toBe(false);
  });

  it('is sorted, without repeats', () => {
    expect([...CLOBBER_NAMES].sort()).toEqual(CLOBBER_NAMES);
    expect(new Set(CLOBBER_NAMES).size).toBe(CLOBBER_NAMES.length);
  });
});

describe('parsePage: clobbering names from the fixed list', () => {
  it('drops a name that shadows a browser\'s document property even where this DOM has no such property', () => {
    const doc = parsePage(dom, '<img name="domain" src="a.jpg"><form id="innerText"><input name="fragmentDirective"></form><img name="photo" src="b.jpg">', 'http://www.people.com.cn/');
    expect(doc.querySelector('[name="domain"], [id="innerText"], [name="fragmentDirective"]')).toBeNull();
    expect(doc.querySelectorAll('img, form, input')).toHaveLength(4);
    expect(doc.querySelector('img[name="photo"]')).not.toBeNull();
  });
});
