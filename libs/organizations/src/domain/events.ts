import type { GeoPoint } from '@blue-ocean/kernel';

export type OrganizationKind = 'LENDER' | 'RETAILER';
export type MemberRole = 'ADMIN' | 'STAFF';
export type VerificationStatus = 'PENDING' | 'VERIFIED' | 'REJECTED';
export const INDUSTRIES = [
  'RESTAURANT', 'HOTEL', 'CINEMA', 'CATERING', 'DEPARTMENT_STORE', 'CAR_RENTAL', 'TRANSPORT',
  'SUPERMARKET', 'CONVENIENCE_STORE', 'DELIVERY', 'OTHER',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export type OrganizationEvent =
  | {
      type: 'OrganizationRegistered';
      data: {
        organizationId: string;
        name: string;
        kinds: OrganizationKind[];
        industry: Industry;
        city: string;
        timezone: string;
        businessLicenceNumber: string;
        registeredBy: string;
      };
    }
  | { type: 'MemberAdded'; data: { organizationId: string; userId: string; role: MemberRole } }
  | { type: 'OrganizationVerified'; data: { organizationId: string; note: string | null } }
  | { type: 'OrganizationRejected'; data: { organizationId: string; note: string | null } }
  | {
      type: 'SiteAdded';
      data: { organizationId: string; siteId: string; name: string; address: string; location: GeoPoint; checkInRadiusMeters: number };
    };

/** A business licence number can be registered once: the reservation stream guards it under races. */
export type LicenceEvent = { type: 'LicenceClaimed'; data: { businessLicenceNumber: string; organizationId: string } };
