import { createInstance, type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en, type Messages } from './en.js';
import { ru } from './ru.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/** Interface languages, the workspace's own language first. */
export const languages = ['ru', 'en'] as const;
/** An interface language. */
export type Language = (typeof languages)[number];

// Remembered on the device for the sign-in page; once signed in, the user's saved locale wins.
const storageKey = 'klientura.language';

/** Whether a value names an interface language. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language to start with: the last one used on this device, else the browser's. */
export function initialLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  if (isLanguage(saved)) return saved;
  return navigator.language.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

/** Switches the interface language and remembers it on this device. */
export async function applyLanguage(instance: i18n, language: Language): Promise<void> {
  localStorage.setItem(storageKey, language);
  if (instance.language !== language) await instance.changeLanguage(language);
}

/** Creates the i18next instance of the app with Russian and English messages. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = createInstance();
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await instance.use(initReactI18next).init({
    resources: { ru: { translation: ru }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    // React escapes what it renders.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = language;
  return instance;
}
