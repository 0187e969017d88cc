import { JSDOM, VirtualConsole } from 'jsdom';
import type { DomEnvironment } from '../pipeline/types';

const quietConsole = new VirtualConsole();

/**
 * The pipeline's DOM environment in Node: jsdom, scripts never run, no resource loading,
 * CSS parse errors kept quiet. One shared window serves DOMPurify.
 */
export function createNodeDom(): DomEnvironment {
  const shared = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: 'https://wholestory.invalid/',
    virtualConsole: quietConsole,
  });
  return {
    parse(html: string, url: string): Document {
      return new JSDOM(html, { url, virtualConsole: quietConsole, contentType: 'text/html' }).window.document;
    },
    window: shared.window as unknown as Window & typeof globalThis,
  };
}
