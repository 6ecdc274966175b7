import type { SourceProblem } from '../services/staff/sources';
import { renderCard, type AdaptiveCardJson } from './render';

const HELP: Record<SourceProblem['kind'], string> = {
  notConfigured: "These are app settings of the deployment (README, \"Configuration\"); set them and restart the app. Secrets are never shown or logged.",
  credentialRejected: 'Nothing was imported. Check the values in the app settings and the API user\u2019s permissions in the PSA, then try again.',
  notConsented: 'Nothing was imported. Once consent is granted, try again.',
  unavailable: 'Nothing was imported. Try again in a moment.'
};

/** A source that cannot be read: not configured, credentials rejected, no consent, or unavailable. */
export function staffSourceProblemCard(problem: SourceProblem): AdaptiveCardJson {
  return renderCard('staffSourceProblem', {
    title: problem.title,
    message: problem.message,
    variablesIntro: problem.kind === 'notConfigured' ? 'Set:' : 'Check:',
    variables: problem.variables.map((name) => ({ name })),
    help: HELP[problem.kind],
    retryData: { source: problem.source }
  });
}
