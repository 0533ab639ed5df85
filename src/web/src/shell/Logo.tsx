import { Group, Text } from '@mantine/core';

/** The product's mark and name. */
export function Logo() {
  return (
    <Group gap={8} wrap="nowrap" visibleFrom="xs">
      <img src="/favicon.svg" alt="" width={26} height={26} />
      <Text fw={700} size="lg">
        Klientura
      </Text>
    </Group>
  );
}
