import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'WholeStory',
    description: 'Read long paginated news articles whole: every page fetched, merged and cleaned.',
    permissions: ['storage'],
    browser_specific_settings: {
      gecko: { id: 'wholestory@wholestory.dev', strict_min_version: '109.0' },
    },
  },
});
