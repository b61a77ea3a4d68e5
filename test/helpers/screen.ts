import type { Screen } from '@inquirer/testing/vitest';

/**
 * Moves the select cursor to the choice whose line contains `label` and presses Enter. Fails
 * (instead of picking something else) when the label is not among the choices.
 */
export function choose(screen: Screen, label: string): void {
  for (const direction of ['up', 'down'] as const) {
    for (let i = 0; i < 40; i++) {
      const cursor = screen
        .getScreen()
        .split('\n')
        .find((line) => line.trimStart().startsWith('❯'));
      if (cursor?.includes(label)) {
        screen.keypress('enter');
        return;
      }
      const before = screen.getScreen();
      screen.keypress(direction);
      if (screen.getScreen() === before) break;
    }
  }
  throw new Error(`No choice "${label}" on the screen:\n${screen.getScreen()}`);
}

/** Types into a text prompt (after clearing what is prefilled) and presses Enter. */
export function answerText(screen: Screen, text: string, prefilledLength = 0): void {
  for (let i = 0; i < prefilledLength; i++) screen.keypress('backspace');
  if (text) screen.type(text);
  screen.keypress('enter');
}

export function ctrlC(screen: Screen): void {
  screen.keypress({ name: 'c', ctrl: true });
}
