/* Who someone is and where they can be reached, as every layer names it: no I/O. */

/** A person in Microsoft Entra ID: their tenant and object id. */
export interface EntraIdentity {
  tenantId: string;
  objectId: string;
}

/**
 * Where the bot can reach a conversation again: the Bot Framework's conversation reference, kept as the
 * bot gave it. Only the bot (src/bot) hands it back to the Bot Framework; the rest of the app reads its parts.
 */
export interface ConversationRef {
  activityId?: string;
  user?: { id: string; name?: string; aadObjectId?: string };
  bot?: { id: string; name?: string };
  conversation?: { id: string; name?: string; isGroup?: boolean; conversationType?: string; tenantId?: string };
  channelId?: string;
  serviceUrl?: string;
  locale?: string;
}

export type StaffSource = 'configuration' | 'demo' | 'entra' | 'connectwise' | 'halo' | 'autotask' | 'syncro';

/** Where staff can be imported from: the MSP's own Entra ID or one of the PSAs. */
export type StaffImportSource = Exclude<StaffSource, 'configuration' | 'demo'>;
