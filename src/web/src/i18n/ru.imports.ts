import type { importsEn } from './en.imports.js';

/** Russian messages of the imports screens. */
export const importsRu: typeof importsEn = {
  title: 'Импорт',
};
