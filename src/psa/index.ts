/** The PSA connector layer's public surface (see types.ts for what a connector is). */
export { createAutotaskConnector, type AutotaskSettings } from './autotask';
export { createPsaConnectors, psaSettings, readPsaConfiguration, PSA_VARIABLES, variablesOf, type PsaConnectors, type PsaEnv, type PsaSettingsBySource } from './config';
export { createConnectWiseConnector, type ConnectWiseSettings } from './connectwise';
export { PsaCredentialRejectedError, PsaError, PsaNotConfiguredError, PsaUnavailableError } from './errors';
export { createHaloConnector, type HaloSettings } from './halo';
export { createSyncroConnector, type SyncroSettings } from './syncro';
export { PSA_LABELS, PSA_SOURCES, type PsaConnector, type PsaPerson, type PsaRequestOptions, type PsaSource, type PsaTransport } from './types';
