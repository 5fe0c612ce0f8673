import { Decider, DomainError, Forbidden, GeoPoint, InvalidInput, isTimeZone } from '@blue-ocean/kernel';
import type { Industry, MemberRole, OrganizationEvent, OrganizationKind, VerificationStatus } from './events';

export type OrganizationCommand =
  | {
      type: 'Register';
      organizationId: string;
      actor: string;
      name: string;
      kinds: OrganizationKind[];
      industry: Industry;
      city: string;
      timezone: string;
      businessLicenceNumber: string;
    }
  | { type: 'Verify'; actor: string; actorIsPlatformAdmin: boolean; approve: boolean; note: string | null }
  | {
      type: 'AddSite';
      actor: string;
      siteId: string;
      name: string;
      address: string;
      location: GeoPoint;
      checkInRadiusMeters: number;
    }
  | { type: 'AddMember'; actor: string; userId: string; role: MemberRole };

export type OrganizationState =
  | { status: 'none' }
  | {
      status: 'registered';
      organizationId: string;
      verification: VerificationStatus;
      kinds: OrganizationKind[];
      timezone: string;
      members: Record<string, MemberRole>;
    };

export const DEFAULT_CHECK_IN_RADIUS_METERS = 200;

export const organization: Decider<OrganizationCommand, OrganizationEvent, OrganizationState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'Register') {
      if (state.status !== 'none') throw new DomainError('ALREADY_EXISTS', 'This organization already exists.');
      return register(command);
    }
    if (state.status === 'none') throw new DomainError('INVALID_TRANSITION', 'No such organization.');
    switch (command.type) {
      case 'Verify':
        if (!command.actorIsPlatformAdmin) throw new Forbidden('Only platform administrators verify organizations.');
        if (state.verification !== 'PENDING') {
          throw new DomainError('INVALID_TRANSITION', `The organization is already ${state.verification}.`);
        }
        return [
          {
            type: command.approve ? 'OrganizationVerified' : 'OrganizationRejected',
            data: { organizationId: state.organizationId, note: command.note },
          },
        ];
      case 'AddSite':
        requireAdmin(state, command.actor);
        validateSite(command);
        return [
          {
            type: 'SiteAdded',
            data: {
              organizationId: state.organizationId,
              siteId: command.siteId,
              name: command.name.trim(),
              address: command.address.trim(),
              location: command.location,
              checkInRadiusMeters: command.checkInRadiusMeters,
            },
          },
        ];
      case 'AddMember':
        requireAdmin(state, command.actor);
        if (state.members[command.userId]) throw new DomainError('ALREADY_EXISTS', 'This user is already a member.');
        return [{ type: 'MemberAdded', data: { organizationId: state.organizationId, userId: command.userId, role: command.role } }];
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganizationRegistered':
        return {
          status: 'registered',
          organizationId: event.data.organizationId,
          verification: 'PENDING',
          kinds: event.data.kinds,
          timezone: event.data.timezone,
          members: {},
        };
      case 'MemberAdded':
        if (state.status === 'none') return state;
        return { ...state, members: { ...state.members, [event.data.userId]: event.data.role } };
      case 'OrganizationVerified':
        return state.status === 'none' ? state : { ...state, verification: 'VERIFIED' };
      case 'OrganizationRejected':
        return state.status === 'none' ? state : { ...state, verification: 'REJECTED' };
      case 'SiteAdded':
        return state;
    }
  },
};

function register(command: Extract<OrganizationCommand, { type: 'Register' }>): OrganizationEvent[] {
  const name = command.name.trim();
  if (name.length === 0 || name.length > 200) throw new InvalidInput('name', 'name must be 1 to 200 characters');
  if (command.kinds.length === 0) throw new InvalidInput('kinds', 'kinds needs at least one of LENDER, RETAILER');
  if (command.city.trim().length === 0) throw new InvalidInput('city', 'city must not be empty');
  if (!isTimeZone(command.timezone)) throw new InvalidInput('timezone', 'timezone must be an IANA name such as "Asia/Shanghai"');
  const licence = command.businessLicenceNumber.trim();
  if (licence.length === 0) throw new InvalidInput('businessLicenceNumber', 'businessLicenceNumber must not be empty');
  const data = {
    organizationId: command.organizationId,
    name,
    kinds: [...new Set(command.kinds)],
    industry: command.industry,
    city: command.city.trim(),
    timezone: command.timezone,
    businessLicenceNumber: licence,
    registeredBy: command.actor,
  };
  return [
    { type: 'OrganizationRegistered', data },
    { type: 'MemberAdded', data: { organizationId: command.organizationId, userId: command.actor, role: 'ADMIN' } },
  ];
}

function requireAdmin(state: Extract<OrganizationState, { status: 'registered' }>, actor: string): void {
  if (state.members[actor] !== 'ADMIN') throw new Forbidden("Only the organization's admins may do this.");
}

function validateSite(command: Extract<OrganizationCommand, { type: 'AddSite' }>): void {
  if (command.name.trim().length === 0) throw new InvalidInput('name', 'name must not be empty');
  if (command.address.trim().length === 0) throw new InvalidInput('address', 'address must not be empty');
  const { lat, lng } = command.location;
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new InvalidInput('location', 'location.lat must be between -90 and 90');
  if (!Number.isFinite(lng) || lng < -180 || lng > 180) throw new InvalidInput('location', 'location.lng must be between -180 and 180');
  const radius = command.checkInRadiusMeters;
  if (!Number.isInteger(radius) || radius < 10 || radius > 10_000) {
    throw new InvalidInput('checkInRadiusMeters', 'checkInRadiusMeters must be a whole number from 10 to 10000');
  }
}
