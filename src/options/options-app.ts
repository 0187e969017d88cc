/**
 * The options page: the reading settings (shared with the reader's popover: the same form code,
 * the same reset) and the choice to open the reader automatically on paginated articles. The page
 * wears the chosen theme and a sample of the article column shows font, size, spacing, weight,
 * alignment, indent and width as they change (the reader's stylesheet draws it).
 */
import { applySettings, loadSettings, onSettingsChanged } from '../reader/settings';
import { bindSettingsForm } from '../reader/settings-form';
import { renderSettingsRows } from '../reader/settings-rows';
import { localizePage, t } from '../ui-text';

export async function startOptions(doc: Document): Promise<void> {
  localizePage(doc);
  doc.title = `WholeStory — ${t('settingsButton')}`;
  const settings = await loadSettings();
  const show = (s: typeof settings) => applySettings(doc.documentElement, s);
  show(settings);
  const element = doc.getElementById('settings') as HTMLFormElement;
  renderSettingsRows(element, 'options');
  const form = bindSettingsForm(element, settings, show);
  // A reader open beside it (its popover, its keys) changes the same settings.
  onSettingsChanged((s) => {
    show(s);
    form.fill(s);
  });
}
