/**
 * From environment variables to people: createPsaConnectors with the local PSAs' variables reaches
 * each fake and offers the demo technicians, among them the two Agents Playground team members.
 */
import { demoPsaPeople, PLAYGROUND_TECHNICIANS, startLocalPsa, type LocalPsa } from '../../../src/dev/localPsa';
import { createPsaConnectors } from '../../../src/psa/config';
import { PSA_SOURCES } from '../../../src/psa/types';
import { drain } from './helpers';

let local: LocalPsa;

beforeAll(async () => {
  local = await startLocalPsa();
});
afterAll(async () => local.close());

test.each(PSA_SOURCES)('%s from its environment variables offers the active demo technicians', async (source) => {
  const connectors = createPsaConnectors(local.env());
  expect(connectors.available).toEqual([...PSA_SOURCES]);
  const { people } = await drain(connectors.connector(source));

  const demo = demoPsaPeople()[source];
  expect(demo.length).toBe(25);
  expect(people.length).toBe(demo.filter((person) => person.active).length);
  expect(people.every((person) => person.source === source && person.active)).toBe(true);
  for (const technician of PLAYGROUND_TECHNICIANS) {
    expect(people.find((person) => person.email === technician.email)?.displayName).toBe(`${technician.firstName} ${technician.lastName}`);
  }
  expect(people.filter((person) => person.email === null).length).toBe(1);
});
