import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { PROJECT_ROOT } from '../paths';

/** The committed configuration of the Microsoft 365 Agents Playground: the demo MSP's people and team. */
export const PLAYGROUND_CONFIG_FILE = path.join(PROJECT_ROOT, '.m365agentsplayground.yml');

export interface PlaygroundPerson {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

export interface PlaygroundConfig {
  version: string;
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundPerson;
  users: PlaygroundPerson[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

export function readPlaygroundConfig(file = PLAYGROUND_CONFIG_FILE): PlaygroundConfig {
  return parse(readFileSync(file, 'utf8')) as PlaygroundConfig;
}

export function everyone(config: PlaygroundConfig): PlaygroundPerson[] {
  return [config.currentUser, ...config.users];
}

/**
 * The playground's personal chat belongs to its current user alone. To chat as someone else, this
 * writes a copy of the configuration in which that person is the current user.
 */
export function configAs(config: PlaygroundConfig, who: string): PlaygroundConfig {
  const wanted = who.trim().toLowerCase();
  const person = everyone(config).find((p) => p.name.toLowerCase() === wanted || p.email.toLowerCase() === wanted);
  if (!person) {
    const names = everyone(config).map((p) => p.name).join(', ');
    throw new Error(`PLAYGROUND_USER "${who}" is none of the playground's people: ${names}`);
  }
  return { ...config, currentUser: person, users: everyone(config).filter((p) => p !== person) };
}

export function serialise(config: PlaygroundConfig): string {
  return stringify(config);
}
