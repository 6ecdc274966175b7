import { createPsaConnectors, type PsaConnectors } from '../psa/config';
import { PSA_SOURCES } from '../psa/types';
import { variablesOf, type PsaVariableName } from '../psa/variables';
import { startLocalPsa, type LocalPsa } from './localPsa';

export interface EmbeddedPsa {
  localPsa: LocalPsa;
  connectors: PsaConnectors;
}

/**
 * Embedded mode: the local fakes of the four PSAs (with the demo technicians, among them the two
 * playground members without a role), and connectors pointed at them, so a newcomer can import staff
 * from every source. A PSA whose variables are set in the environment is used instead of its fake.
 */
export async function startEmbeddedPsa(configured: Partial<Record<PsaVariableName, string>> = {}): Promise<EmbeddedPsa> {
  const localPsa = await startLocalPsa();
  const fakes = localPsa.env() as Record<string, string>;
  const env: Record<string, string> = {};
  for (const source of PSA_SOURCES) {
    const names = variablesOf(source);
    const own = names.some((name) => configured[name] !== undefined);
    for (const name of names) {
      const value = own ? configured[name] : fakes[name];
      if (value !== undefined) env[name] = value;
    }
  }
  return { localPsa, connectors: createPsaConnectors(env) };
}
