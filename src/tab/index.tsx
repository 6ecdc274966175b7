import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { AriaLiveAnnouncer, FluentProvider } from '@fluentui/react-components';
import { App } from './App';
import { fluentTheme, type TeamsThemeName } from './theme';

/** The tab: Fluent UI in the Teams theme of the moment (default, dark, high contrast). */
function Root() {
  const [theme, setTheme] = useState<TeamsThemeName>('default');
  return (
    <FluentProvider theme={fluentTheme(theme)} style={{ minHeight: '100vh' }} data-theme={theme}>
      <AriaLiveAnnouncer>
        <App onTheme={setTheme} />
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  document.body.style.margin = '0';
  createRoot(root).render(
    <StrictMode>
      <Root />
    </StrictMode>
  );
}
