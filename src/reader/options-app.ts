/**
 * The options page: the reading settings (shared with the reader's panel) and the choice to open
 * the reader automatically on paginated articles, with a sample line in the chosen font.
 */
import { t, uiLanguage, type MessageKey } from '../ui-text';
import { applySettings, loadSettings } from './settings';
import { bindSettingsForm } from './settings-form';

export async function startOptions(doc: Document): Promise<void> {
  doc.documentElement.lang = uiLanguage() === 'zh' ? 'zh-CN' : 'en';
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as MessageKey);
  doc.title = `WholeStory — ${t('settingsButton')}`;
  const settings = await loadSettings();
  // The sample line shows font, size and line height; the page keeps its own colours.
  const sample = doc.getElementById('sample') as HTMLElement;
  const show = (s: typeof settings) => applySettings(sample, s);
  show(settings);
  bindSettingsForm(doc.getElementById('settings') as HTMLFormElement, settings, show);
}
