import { createGraphAccess, LocalTokenCredential, type GraphAccess } from '../graph/graphAccess';
import type { LocalConsentDirectory } from '../web/routes/devAdminConsent';
import { startLocalGraph, type LocalGraph } from './localGraph';
import { demoTenants } from './localGraph/demoTenants';
import type { PlaygroundConfig } from './playgroundConfig';

export interface LocalIntegrations {
  localGraph: LocalGraph;
  /** The real Graph SDK, sending to the local Graph through the transport seam. */
  graph: GraphAccess;
  /** The local Graph's tenants, for the stand-in admin-consent page. */
  localConsent: LocalConsentDirectory;
}

/** Embedded mode and tests: the local Microsoft Graph with the demo tenants, reached through the real SDK. */
export async function startLocalIntegrations(playground?: PlaygroundConfig): Promise<LocalIntegrations> {
  const localGraph = await startLocalGraph({ tenants: demoTenants(playground) });
  const graph = createGraphAccess({
    credential: new LocalTokenCredential(),
    transport: { kind: 'local', baseUrl: localGraph.baseUrl }
  });
  const localConsent: LocalConsentDirectory = {
    tenants: () => localGraph.tenantList(),
    grant: (tenantId) => localGraph.consent(tenantId, true)
  };
  return { localGraph, graph, localConsent };
}
