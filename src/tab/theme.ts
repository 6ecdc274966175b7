import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from '@fluentui/react-components';

/** Teams' themes (the context's `app.theme`): default, dark and contrast. */
export type TeamsThemeName = 'default' | 'dark' | 'contrast';

export function asThemeName(value: string | null | undefined): TeamsThemeName {
  return value === 'dark' || value === 'contrast' ? value : 'default';
}

export function fluentTheme(name: TeamsThemeName): Theme {
  return name === 'dark' ? teamsDarkTheme : name === 'contrast' ? teamsHighContrastTheme : teamsLightTheme;
}
