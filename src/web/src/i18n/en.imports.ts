// English messages of the imports screens; ru.imports.ts must match their shape.

/** English messages of the imports screens. */
export const importsEn = {
  title: 'Imports',
};
