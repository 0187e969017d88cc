/**
 * The options page: the reading settings (shared with the reader's panel) and the choice to open
 * the reader automatically on paginated articles, with a sample line in the chosen font.
 */
import { applySettings, loadSettings } from '../reader/settings';
import { bindSettingsForm } from '../reader/settings-form';
import { localizePage, t } from '../ui-text';

export async function startOptions(doc: Document): Promise<void> {
  localizePage(doc);
  doc.title = `WholeStory — ${t('settingsButton')}`;
  const settings = await loadSettings();
  // The sample line shows font, size and line height; the page keeps its own colours.
  const sample = doc.getElementById('sample') as HTMLElement;
  const show = (s: typeof settings) => applySettings(sample, s);
  show(settings);
  bindSettingsForm(doc.getElementById('settings') as HTMLFormElement, settings, show);
}
