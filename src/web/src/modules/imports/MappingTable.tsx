import { Select, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportTargetField } from '../../api/types.js';
import { fieldOfColumn, type Mapping } from './mapping.js';
import type { SampleTable } from './sample.js';
import { useImportLabels } from './useImportLabels.js';

// Select needs a value for "this column is not imported"; field names never look like this.
const SKIP = '__skip';

/** Props of MappingTable. */
export interface MappingTableProps {
  table: SampleTable;
  fields: ImportTargetField[];
  mapping: Mapping;
  onAssign: (column: number, field: string | null) => void;
}

/** The file's columns with their titles, the field each one fills and the first rows under them. */
export function MappingTable({ table, fields, mapping, onAssign }: MappingTableProps) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const option = (f: ImportTargetField) => {
    const name = labels.field(f.field, f.label);
    return { value: f.field, label: f.required ? t('imports.preview.required', { field: name }) : name };
  };
  const data = [
    { value: SKIP, label: t('imports.preview.skip') },
    { group: t('imports.preview.identifiers'), items: fields.filter((f) => f.identifier).map(option) },
    { group: t('imports.preview.otherFields'), items: fields.filter((f) => !f.identifier).map(option) },
  ];
  const title = (column: number) => table.headers[column] || t('imports.preview.unnamedColumn', { n: column + 1 });
  return (
    <Table.ScrollContainer minWidth={table.headers.length * 150} type="native">
      <Table withTableBorder withColumnBorders verticalSpacing={6} horizontalSpacing="sm" aria-label={t('imports.preview.title')}>
        <Table.Thead bg="gray.0">
          <Table.Tr>
            {table.headers.map((_, column) => (
              <Table.Th key={column} style={{ whiteSpace: 'nowrap' }}>
                {title(column)}
              </Table.Th>
            ))}
          </Table.Tr>
          <Table.Tr>
            {table.headers.map((_, column) => {
              const field = fieldOfColumn(mapping, column);
              return (
                <Table.Th key={column} fw={400} miw={150}>
                  <Select
                    size="xs"
                    aria-label={t('imports.preview.fieldFor', { column: title(column) })}
                    data={data}
                    value={field ?? SKIP}
                    onChange={(value) => onAssign(column, typeof value === 'string' && value !== SKIP ? value : null)}
                    allowDeselect={false}
                    comboboxProps={{ width: 280, position: 'bottom-start' }}
                    maxDropdownHeight={360}
                    variant={field ? 'filled' : 'default'}
                    styles={field ? { input: { fontWeight: 600 } } : undefined}
                  />
                </Table.Th>
              );
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {table.rows.map((row, r) => (
            <Table.Tr key={r}>
              {table.headers.map((_, column) => (
                <Table.Td key={column} maw={260} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {/* A skipped column is dimmed: its cells will not be imported. */}
                  <Text span size="sm" c={fieldOfColumn(mapping, column) === null ? 'dimmed' : undefined} title={row[column]}>
                    {row[column] ?? ''}
                  </Text>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {table.rows.length === 0 && (
        <Text size="sm" c="dimmed" p="sm">
          {t('imports.preview.noRows')}
        </Text>
      )}
    </Table.ScrollContainer>
  );
}
