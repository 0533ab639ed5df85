import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportDelimiter, ImportEncoding } from '../../api/types.js';
import { useImportLabels } from './useImportLabels.js';

const encodings: readonly ImportEncoding[] = ['utf-8', 'windows-1251', 'utf-16le'];
const delimiters: readonly ImportDelimiter[] = [';', ',', '\t'];

/** Props of FormatPicker. */
export interface FormatPickerProps {
  encoding: ImportEncoding;
  delimiter: ImportDelimiter;
  /** What the server detected, shown next to a changed choice. */
  detected: { encoding: ImportEncoding; delimiter: ImportDelimiter };
  onChange: (format: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }) => void;
}

/** The encoding and delimiter the file is read with: detected by the server, changeable by the manager. */
export function FormatPicker({ encoding, delimiter, detected, onChange }: FormatPickerProps) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  return (
    <Group gap="lg" align="flex-start">
      <Select
        label={t('imports.preview.encoding')}
        description={
          encoding === detected.encoding
            ? t('imports.preview.detectedEncoding')
            : t('imports.preview.changed', { value: t(`imports.encodings.${detected.encoding}`) })
        }
        data={encodings.map((e) => ({ value: e, label: t(`imports.encodings.${e}`) }))}
        value={encoding}
        onChange={(value) => {
          const chosen = encodings.find((e) => e === value);
          if (chosen) onChange({ encoding: chosen });
        }}
        allowDeselect={false}
        w={260}
      />
      <Select
        label={t('imports.preview.delimiter')}
        description={
          delimiter === detected.delimiter ? t('imports.preview.detectedDelimiter') : t('imports.preview.changed', { value: labels.delimiter(detected.delimiter) })
        }
        data={delimiters.map((d) => ({ value: d, label: labels.delimiter(d) }))}
        value={delimiter}
        onChange={(value) => {
          const chosen = delimiters.find((d) => d === value);
          if (chosen) onChange({ delimiter: chosen });
        }}
        allowDeselect={false}
        w={260}
      />
    </Group>
  );
}
