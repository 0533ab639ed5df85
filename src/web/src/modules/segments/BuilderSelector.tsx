import { MantineValueSelector, type MantineValueSelectorProps } from '@react-querybuilder/mantine';

// Widths of the builder's pickers: the library's fill the row and leave the operands too little of it.
const widths: Record<string, number> = { fields: 200, operators: 170, combinators: 150 };

/** A picker of the builder (field, operator, all/any) at a width that leaves the operands room. */
export function BuilderSelector(props: MantineValueSelectorProps) {
  const kind = props.testID ?? '';
  return <MantineValueSelector {...props} w={widths[kind] ?? 170} />;
}
