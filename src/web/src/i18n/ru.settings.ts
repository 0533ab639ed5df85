import type { settingsEn } from './en.settings.js';

/** Russian messages of the settings screens. */
export const settingsRu: typeof settingsEn = {
  title: 'Настройки',
};
