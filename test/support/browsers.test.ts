import { describe, expect, it } from 'vitest';
import { browserCandidates, findBrowser, missingBrowserMessage } from './browsers';

describe('finding the browsers', () => {
  it('tries Debian’s binaries, or only the one $CHROMIUM_PATH / $FIREFOX_PATH names', () => {
    expect(browserCandidates('chromium', {})).toEqual(['/usr/bin/chromium', '/usr/bin/chromium-browser']);
    expect(browserCandidates('firefox', {})).toEqual(['/usr/bin/firefox-esr', '/usr/bin/firefox']);
    expect(browserCandidates('chromium', { CHROMIUM_PATH: '/opt/c/chrome' })).toEqual(['/opt/c/chrome']);
    const onlyUsrBin = (file: string) => file.startsWith('/usr/bin/');
    expect(findBrowser('chromium', {}, onlyUsrBin)).toBe('/usr/bin/chromium');
    // A wrong explicit path is missing, not replaced by /usr/bin/chromium.
    expect(findBrowser('chromium', { CHROMIUM_PATH: '/nonexistent' }, onlyUsrBin)).toBeNull();
    expect(findBrowser('firefox', {}, (file) => file === '/usr/bin/firefox')).toBe('/usr/bin/firefox');
  });

  it('WHOLESTORY_NO_BROWSERS=1 makes every browser missing (0 or empty does not)', () => {
    const all = () => true;
    expect(findBrowser('chromium', { WHOLESTORY_NO_BROWSERS: '1', CHROMIUM_PATH: '/usr/bin/chromium' }, all)).toBeNull();
    expect(findBrowser('firefox', { WHOLESTORY_NO_BROWSERS: '1' }, all)).toBeNull();
    expect(findBrowser('chromium', { WHOLESTORY_NO_BROWSERS: '0' }, all)).toBe('/usr/bin/chromium');
    expect(findBrowser('chromium', { WHOLESTORY_NO_BROWSERS: '' }, all)).toBe('/usr/bin/chromium');
  });
});

describe('missingBrowserMessage', () => {
  it('names the Debian package and the command for each missing browser and the fonts', () => {
    const text = missingBrowserMessage(['chromium'], { consequence: 'npm start needs it', env: {} });
    expect(text).toContain('Chromium (Debian package chromium) not found: npm start needs it.');
    expect(text).toContain('sudo apt-get install -y chromium\n');
    expect(text).toContain('CHROMIUM_PATH=/path/to/chromium');
    expect(text).not.toContain('firefox');

    const both = missingBrowserMessage(['chromium', 'firefox'], { fonts: true, env: {} });
    expect(both).toContain('Chromium (Debian package chromium), Firefox (Debian package firefox-esr) and fonts with Chinese characters (fonts-noto-cjk) not found.');
    expect(both).toContain('sudo apt-get install -y chromium firefox-esr fonts-noto-cjk');
  });

  it('says when the variable points nowhere, or when WHOLESTORY_NO_BROWSERS is why', () => {
    expect(missingBrowserMessage(['firefox'], { env: { FIREFOX_PATH: '/nonexistent' } })).toContain('(FIREFOX_PATH=/nonexistent: no such file.)');
    expect(missingBrowserMessage(['firefox'], { env: { WHOLESTORY_NO_BROWSERS: '1' } })).toContain('WHOLESTORY_NO_BROWSERS is set');
  });

  it('fonts alone, and nothing missing', () => {
    expect(missingBrowserMessage([], { fonts: true, env: {} })).toBe(
      'fonts with Chinese characters (fonts-noto-cjk) not found.\nInstall with:  sudo apt-get install -y fonts-noto-cjk',
    );
    expect(missingBrowserMessage([], { env: {} })).toBe('');
  });
});
