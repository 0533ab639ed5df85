import { ActionIcon, Button } from '@mantine/core';
import type { ActionProps } from 'react-querybuilder';

/** The builder's buttons: "+ Condition" and "+ Group" as light buttons, removal as a quiet "×" (the library's are all filled). */
export function BuilderAction({ className, handleOnClick, label, title, disabled, testID }: ActionProps) {
  if (testID === 'remove-rule' || testID === 'remove-group') {
    return (
      <ActionIcon className={className} variant="subtle" color="gray" size="lg" title={title} aria-label={title} disabled={disabled} data-testid={testID} onClick={(e) => handleOnClick(e)}>
        {label}
      </ActionIcon>
    );
  }
  return (
    <Button className={className} variant="light" size="xs" title={title} disabled={disabled} data-testid={testID} onClick={(e) => handleOnClick(e)}>
      {label}
    </Button>
  );
}
