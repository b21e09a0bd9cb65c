// The type includes null but not undefined and the initial value is not null: `getStore() ?? INIT`
// would turn an explicit null scope into INIT, so reads go through a helper (case 13).
let theme: string | null = 'light';

export function withTheme<T>(next: string | null, fn: () => T): T {
  const saved = theme;
  theme = next;
  try {
    return fn();
  } finally {
    theme = saved;
  }
}

export function currentTheme(): string | null {
  return theme;
}

export function themeClass(): string {
  return theme === null ? 'no-theme' : `theme-${theme}`;
}
