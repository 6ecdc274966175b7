import { renderCard, type AdaptiveCardJson } from './render';

/** For anyone who is not MSP staff: what the app is for, and where client admins go instead. */
export function notStaffCard(mspName: string): AdaptiveCardJson {
  return renderCard('notStaff', { mspName });
}
