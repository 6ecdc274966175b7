import type { SourceState } from '../services/staff/sources';
import { renderCard, type AdaptiveCardJson } from './render';

/** "Import staff": the sources, each either ready to import from or saying what to configure. */
export function staffSourcesCard(sources: SourceState[]): AdaptiveCardJson {
  return renderCard('staffSources', {
    intro: 'Choose where to import your staff from. Only people active there are offered; each imported person gets the role you choose, and people already on the staff can be linked instead of duplicated.',
    sources: sources.map((source) => ({
      label: source.label,
      state: source.ready ? `Ready: imports its active ${source.people}.` : (source.problem ?? 'Not configured.'),
      // Said in words; the colour stays legible in every Teams theme (no light green or yellow text).
      stateColor: source.ready ? 'Default' : 'Attention',
      ready: source.ready,
      button: `Import from ${source.label}`,
      data: { source: source.source }
    }))
  });
}
