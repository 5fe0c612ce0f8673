import type { GeoPoint } from '@blue-ocean/kernel';
import type { Caller } from '@blue-ocean/api';
import type { Industry, MemberRole, OrganizationKind } from '../domain/events';

export class RegisterOrganization {
  constructor(
    readonly caller: Caller,
    readonly input: { name: string; kinds: OrganizationKind[]; industry: Industry; city: string; timezone: string; businessLicenceNumber: string },
  ) {}
}

export class VerifyOrganization {
  constructor(
    readonly caller: Caller,
    readonly organizationId: string,
    readonly approve: boolean,
    readonly note: string | null,
  ) {}
}

export class AddSite {
  constructor(
    readonly caller: Caller,
    readonly input: { organizationId: string; name: string; address: string; location: GeoPoint; checkInRadiusMeters?: number | null },
  ) {}
}

export class AddMember {
  constructor(
    readonly caller: Caller,
    readonly organizationId: string,
    readonly email: string,
    readonly role: MemberRole,
  ) {}
}
