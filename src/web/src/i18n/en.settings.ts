// English messages of the settings screens; ru.settings.ts must match their shape.

/** English messages of the settings screens. */
export const settingsEn = {
  title: 'Settings',
};
