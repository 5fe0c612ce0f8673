import { Decider, DomainError } from '@blue-ocean/kernel';
import type { LicenceEvent } from './events';

export const licenceReservation: Decider<
  { type: 'ClaimLicence'; businessLicenceNumber: string; organizationId: string },
  LicenceEvent,
  { claimedBy: string | null }
> = {
  initialState: () => ({ claimedBy: null }),
  decide(command, state) {
    if (state.claimedBy) throw new DomainError('ALREADY_EXISTS', 'An organization with this business licence is already registered.');
    return [{ type: 'LicenceClaimed', data: { businessLicenceNumber: command.businessLicenceNumber, organizationId: command.organizationId } }];
  },
  evolve(_state, event) {
    return { claimedBy: event.data.organizationId };
  },
};
